package org.bzpeer.graph.coauthorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.OpenAlexSampleEvents;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * The whole KFUPM OpenAlex sample of the shared data (3,684 real works, up to 100 authors each) through the service:
 * every focal author's and top author's co-author and work counts match those derived independently in
 * {@code expected.json}. Events come from test-kit's {@code OpenAlexSampleEvents}; prints the consumption rate.
 * Skipped, saying why, when the shared data is absent.
 */
@ServiceTest
class OpenAlexSampleGraphTest {

    private static final String FOCAL_AUTHOR = "A5000180362";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Test
    void everyAuthorOfTheSampleHasTheCoauthorsCountedIndependently() throws Exception {
        JsonNode expected = OpenAlexSampleEvents.expected();
        List<WorkImported> works = OpenAlexSampleEvents.works();
        assertThat(works).hasSize(expected.get("works").asInt());

        try (TopicRecorder updates = TestEvents.record(Topics.AUTHOR_GRAPH_UPDATED.name())) {
            OpenAlexSampleEvents.publishAndAwaitConsumed("graph-service", works,
                    () -> count("SELECT count(*) FROM work WHERE work_id LIKE 'W%'"),
                    () -> count("SELECT (SELECT count(*) FROM event_outbox) + (SELECT count(*) FROM pending_summary)"),
                    Duration.ofSeconds(150));
            assertThat(count("SELECT count(*) FROM author_graph_summary WHERE author_id LIKE 'A%'"))
                    .isEqualTo(expected.get("distinct_authors").asLong());

            for (OpenAlexSampleEvents.ExpectedAuthor author : OpenAlexSampleEvents.expectedAuthors()) {
                JsonNode summary = get("/api/v1/authors/" + author.id() + "/graph-summary");
                assertThat(summary.get("workCount").asInt()).as("works of %s", author.id())
                        .isEqualTo(author.worksInSample());
                assertThat(summary.get("coauthorCount").asInt()).as("co-authors of %s", author.id())
                        .isEqualTo(author.distinctCoauthors());
                assertThat(get("/api/v1/authors/" + author.id() + "/collaborators?limit=1").get("total").asInt())
                        .as("collaborators total of %s", author.id())
                        .isEqualTo(author.distinctCoauthors());
            }

            List<String> walked = new ArrayList<>();
            List<Integer> shared = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = get("/api/v1/authors/" + FOCAL_AUTHOR + "/collaborators?limit=10"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.get("total").asInt()).isEqualTo(37);
                page.get("items").forEach(item -> {
                    walked.add(item.get("author").get("id").asString());
                    shared.add(item.get("sharedWorks").asInt());
                    assertThat(item.get("author").get("name").asString()).isNotBlank();
                });
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            } while (cursor != null);
            assertThat(walked).hasSize(37).doesNotHaveDuplicates().doesNotContain(FOCAL_AUTHOR);
            assertThat(shared).isSortedAccordingTo((a, b) -> b - a);

            JsonNode focal = get("/api/v1/authors/" + FOCAL_AUTHOR + "/graph-summary");
            await().atMost(Duration.ofSeconds(30)).until(() -> !ofAuthor(updates, FOCAL_AUTHOR).isEmpty()
                    && last(ofAuthor(updates, FOCAL_AUTHOR)).getRevision() == focal.get("revision").asLong());
            AuthorGraphUpdated event = last(ofAuthor(updates, FOCAL_AUTHOR));
            assertThat(event.getCoauthorCount()).isEqualTo(37);
            assertThat(event.getWorkCount()).isEqualTo(14);
            assertThat(event.getCloseCollaboratorCount()).isEqualTo(focal.get("closeCollaboratorCount").asInt());
            assertThat(ofAuthor(updates, FOCAL_AUTHOR)).extracting(AuthorGraphUpdated::getRevision)
                    .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        }
    }

    private long count(String sql) {
        Long count = database.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
        return count == null ? 0 : count;
    }

    private JsonNode get(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<AuthorGraphUpdated> ofAuthor(TopicRecorder updates, String authorId) {
        return updates.events(AuthorGraphUpdated.class).stream()
                .filter(event -> event.getAuthorId().equals(authorId))
                .toList();
    }

    private static AuthorGraphUpdated last(List<AuthorGraphUpdated> events) {
        return events.get(events.size() - 1);
    }
}
