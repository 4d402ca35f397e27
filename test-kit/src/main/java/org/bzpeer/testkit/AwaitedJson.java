package org.bzpeer.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Predicate;

import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/** Reads of a service's API that wait until the eventually consistent read model answers as a test expects. */
public final class AwaitedJson {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private AwaitedJson() {
    }

    /**
     * The JSON body of {@code GET uriTemplate} (expanded with {@code variables}) once it is a success satisfying
     * {@code condition}, polled every 100 ms for up to 30 s.
     */
    public static JsonNode await200(WebTestClient http, Predicate<JsonNode> condition, String uriTemplate,
            Object... variables) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            var result = http.get().uri(uriTemplate, variables).exchange().returnResult(JsonNode.class);
            return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
        }, body -> body != null && condition.test(body));
    }

    /** Waits until {@code GET uriTemplate} (expanded with {@code variables}) answers {@code status}. */
    public static void awaitStatus(WebTestClient http, int status, String uriTemplate, Object... variables) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> http.get()
                .uri(uriTemplate, variables).exchange().returnResult(String.class).getStatus().value() == status);
    }
}
