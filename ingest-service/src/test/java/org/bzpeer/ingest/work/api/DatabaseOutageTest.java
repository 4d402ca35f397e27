package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Acknowledged means durable, with the real PostgreSQL stopped and started again: while the database is down a
 * submission is answered 503 problem details with {@code Retry-After} and nothing of it is kept or published; sent
 * again once the database is back, it is imported and published once. A 200 is only ever sent after the commit.
 */
@ServiceTest
class DatabaseOutageTest {

    @Autowired
    WebTestClient http;

    @Test
    void whileTheDatabaseIsDownASubmissionIsAnswered503WithRetryAfterAndSentAgainItIsImportedOnce() {
        String run = UUID.randomUUID().toString();
        String before = WorkSubmissionTest.work("10.1234/" + run + "-before", "Before the outage", null, "G Author");
        String during = WorkSubmissionTest.work("10.1234/" + run + "-during", "During the outage", null, "H Author");
        try (TopicRecorder published = TestEvents.record(Topics.WORK_IMPORTED.name())) {
            submit(before).expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);

            TestInfrastructure.stopPostgres();
            try {
                submit(during).expectStatus().isEqualTo(503)
                        .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/unavailable")
                        .jsonPath("$.status").isEqualTo(503);
            } finally {
                TestInfrastructure.startPostgres();
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    submit(during).expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1));
            submit(before).expectStatus().isOk().expectBody().jsonPath("$.unchanged").isEqualTo(1);

            await().atMost(Duration.ofSeconds(120)).until(() -> Set.copyOf(titles(published, run)).size() == 2);
            // the outbox delivers at least once: a batch published just before the outage, whose delete did not
            // commit, is sent again; it is the same event (same id and version), never a second version
            assertThat(published.events(WorkImported.class).stream()
                    .filter(work -> work.getIdentifiers().getDoi().contains(run))
                    .map(work -> work.getTitle() + " v" + work.getVersion() + " " + work.getEventId())
                    .distinct().map(event -> event.substring(0, event.lastIndexOf(' '))))
                    .containsExactlyInAnyOrder("Before the outage v1", "During the outage v1");
        }
    }

    private static List<String> titles(TopicRecorder published, String run) {
        return published.events(WorkImported.class).stream()
                .filter(work -> work.getIdentifiers().getDoi().contains(run))
                .map(WorkImported::getTitle)
                .toList();
    }

    private WebTestClient.ResponseSpec submit(String body) {
        return http.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .post().uri("/api/v1/works")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
