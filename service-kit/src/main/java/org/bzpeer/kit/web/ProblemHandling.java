package org.bzpeer.kit.web;

import java.util.List;
import java.util.Map;

import org.bzpeer.kit.messaging.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.ServerWebExchange;

import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Mono;

/**
 * Renders every error of a BZPEER API as RFC 9457 problem details with a stable {@code type}; validation errors
 * name each offending field. A request that failed because the database was unavailable (down, restarting, out of
 * connections, a deadlock) is answered 503 {@code unavailable} with {@code Retry-After}: nothing it asked for was
 * acknowledged, and the same request sent again may succeed. Any other failure of the database is a 500.
 */
@AutoConfiguration
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, org.springframework.http.HttpStatusCode status,
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
            HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                ex.getReason() == null ? "Malformed request" : ex.getReason());
        if (ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null) {
            problem.setProperty("field", ex.getMethodParameter().getParameterName());
        }
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    /** Seconds a client is asked to wait before sending a request again that met an unavailable database. */
    static final int RETRY_AFTER_SECONDS = 2;

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler({DataAccessException.class, TransactionException.class, R2dbcException.class})
    ResponseEntity<ProblemDetail> databaseFailure(Exception ex) {
        if (!TransientFailures.isTransient(ex)) {
            log.error("Request failed in the database", ex);
            return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                            "The request failed; nothing of it may have been kept"));
        }
        log.warn("Request failed, database unavailable; answering 503: {}", ex.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                        "The database is unavailable for the moment; what this request did not get acknowledged "
                                + "was not kept. Send it again after Retry-After seconds"));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
    }
}
