package org.bzpeer.graph.coauthorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.merge;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.AwaitedJson;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Author merges in the co-authorship graph on a real broker and database: the retired author leaves the graph (node,
 * pairs, topics, institutions, summary) as soon as the merge arrives, before or after the works published again
 * naming the survivor, and the survivor's neighbourhood is published anew.
 */
@ServiceTest
class AuthorMergeGraphTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    /** Every table of the graph that names authors, with its author columns. */
    private static final List<String> AUTHOR_TRACES = List.of(
            "SELECT count(*) FROM work_author WHERE author_id = :id",
            "SELECT count(*) FROM authorship_institution WHERE author_id = :id",
            "SELECT count(*) FROM coauthor_pair WHERE author_id = :id OR coauthor_id = :id",
            "SELECT count(*) FROM author_topic WHERE author_id = :id",
            "SELECT count(*) FROM author_institution WHERE author_id = :id",
            "SELECT count(*) FROM author WHERE author_id = :id",
            "SELECT count(*) FROM author_graph_summary WHERE author_id = :id");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Test
    void aMergeBeforeTheRepublishedWorksTakesTheRetiredAuthorOutOfTheGraphAtOnce() {
        String retired = uniqueId("a_");
        String survivor = uniqueId("a_");
        String coauthor = uniqueId("a_");
        String other = uniqueId("a_");
        String shared = uniqueId("w_");
        String together = uniqueId("w_");
        String own = uniqueId("w_");
        publish(work(shared, 1, 2020, "With a co-author", List.of(retired, coauthor)));
        publish(work(together, 1, 2021, "Both names", List.of(retired, survivor)));
        publish(work(own, 1, 2022, "Survivor's own", List.of(survivor, other)));
        awaitSummary(retired, summary -> summary.get("workCount").asInt() == 2);
        awaitSummary(survivor, summary -> summary.get("workCount").asInt() == 2);

        try (TopicRecorder updates = TestEvents.record(Topics.AUTHOR_GRAPH_UPDATED.name())) {
            TestEvents.publish(Topics.AUTHOR_MERGED, retired, merge(retired, survivor));

            JsonNode summary = awaitSummary(survivor, s -> s.get("workCount").asInt() == 3);
            assertThat(summary.get("coauthorCount").asInt()).as("co-author and other, never itself").isEqualTo(2);
            AwaitedJson.awaitStatus(http, 404, "/api/v1/authors/{id}/graph-summary", retired);
            assertThat(collaboratorIds(coauthor)).containsExactly(survivor);
            assertThat(collaboratorIds(survivor)).containsExactlyInAnyOrder(coauthor, other);
            assertNoTraceOf(retired);
            await().atMost(EVENTUALLY).untilAsserted(() -> {
                assertThat(updates.events(AuthorGraphUpdated.class))
                        .filteredOn(event -> event.getAuthorId().equals(survivor))
                        .extracting(AuthorGraphUpdated::getWorkCount).contains(3);
                assertThat(updates.events(AuthorGraphUpdated.class))
                        .filteredOn(event -> event.getAuthorId().equals(retired))
                        .extracting(AuthorGraphUpdated::getWorkCount).containsExactly(0);
            });
        }

        publish(work(shared, 2, 2020, "With a co-author", List.of(survivor, coauthor)));
        publish(work(together, 2, 2021, "Both names", List.of(survivor)));
        awaitSummary(survivor, s -> s.get("workCount").asInt() == 3 && s.get("coauthorCount").asInt() == 2);
        assertNoTraceOf(retired);
    }

    @Test
    void aMergeAfterTheRepublishedWorksAndAnOlderVersionArrivingLateLeaveNoTrace() {
        String retired = uniqueId("a_");
        String survivor = uniqueId("a_");
        String coauthor = uniqueId("a_");
        String workId = uniqueId("w_");
        publish(work(workId, 1, 2020, "Moved", List.of(retired, coauthor)));
        awaitSummary(retired, summary -> summary.get("workCount").asInt() == 1);
        publish(work(workId, 2, 2020, "Moved", List.of(survivor, coauthor)));
        awaitSummary(survivor, summary -> summary.get("workCount").asInt() == 1);
        TestEvents.publish(Topics.AUTHOR_MERGED, retired, merge(retired, survivor));
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM retired_author WHERE author_id = :id",
                retired) == 1);

        String late = uniqueId("w_");
        WorkImported older = work(late, 1, 2018, "Imported before the merge", List.of(retired, coauthor));
        older.setOccurredAt(Instant.now().minusSeconds(3600));
        publish(older);
        awaitSummary(survivor, summary -> summary.get("workCount").asInt() == 2);
        assertThat(collaboratorIds(coauthor)).containsExactly(survivor);
        assertNoTraceOf(retired);
    }

    private void publish(WorkImported work) {
        TestEvents.publish(Topics.WORK_IMPORTED, work.getWorkId(), work);
    }

    private void assertNoTraceOf(String authorId) {
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            for (String count : AUTHOR_TRACES) {
                assertThat(count(count, authorId)).as(count).isZero();
            }
        });
    }

    private long count(String sql, String authorId) {
        return database.sql(sql).bind("id", authorId).map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private List<String> collaboratorIds(String authorId) {
        JsonNode page = http.get().uri("/api/v1/authors/{id}/collaborators", authorId).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("author").get("id").asString()));
        return ids;
    }

    private JsonNode awaitSummary(String authorId, Predicate<JsonNode> condition) {
        return AwaitedJson.await200(http, condition, "/api/v1/authors/{id}/graph-summary", authorId);
    }
}
