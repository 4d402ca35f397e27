package org.bzpeer.kit.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An error a handler raises on purpose; rendered as its RFC 9457 problem detail. */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        super(status, Problems.of(status, slug, title, detail), null);
    }

    /** 404 for a resource that does not exist, naming it. */
    public static ProblemException notFound(String what, String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", what + " not found",
                "No " + what.toLowerCase() + " with id '" + id + "'");
    }

    /** 400 naming the request field that is wrong and why. */
    public static ProblemException invalid(String field, String reason) {
        ProblemException problem = new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                field + ": " + reason);
        problem.getBody().setProperty("field", field);
        return problem;
    }
}
