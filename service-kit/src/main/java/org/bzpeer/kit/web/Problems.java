package org.bzpeer.kit.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with BZPEER's stable {@code type} URIs. A type names a kind of problem clients can
 * branch on; the {@code detail} is for humans.
 */
public final class Problems {

    /** Base of every problem type URI. */
    public static final String TYPE_BASE = "https://bzpeer.org/problems/";

    private Problems() {
    }

    /** A problem of kind {@code slug} (e.g. {@code not-found}) with a human {@code detail}. */
    public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }
}
