package org.bzpeer.kit.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

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

    /**
     * Writes {@code problem} as the response of {@code exchange}, for web filters that answer before any handler
     * (whose errors {@link ProblemHandling} renders instead). A 401 also says which scheme to authenticate with.
     */
    public static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
