package org.bzpeer.kit.web;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Renders every error of a BZPEER API as RFC 9457 problem details with a stable {@code type}; validation errors
 * name each offending field.
 */
@AutoConfiguration
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                ex.getFieldErrors().size() + " invalid field(s)");
        List<Map<String, String>> errors = ex.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "reason", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                ex.getReason() == null ? "Malformed request" : ex.getReason());
        if (ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null) {
            problem.setProperty("field", ex.getMethodParameter().getParameterName());
        }
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
    }
}
