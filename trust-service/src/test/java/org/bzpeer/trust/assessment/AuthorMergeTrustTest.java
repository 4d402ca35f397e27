package org.bzpeer.trust.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.merge;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.TrustUpdated;
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
 * Author merges in trust-service on a real broker and database: the retired author's trust record goes, also when
 * facts of it arrive late, and the survivor is reassessed with the retired author's works, before or after the works
 * published again naming it.
 */
@ServiceTest
class AuthorMergeTrustTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TRUST = "/api/v1/authors/{id}/trust";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Test
    void aMergeBeforeTheRepublishedWorksRemovesTheRetiredRecordAndReassessesTheSurvivor() {
        String retired = uniqueId("a_");
        String survivor = uniqueId("a_");
        String moved = uniqueId("w_");
        publish(work(moved, 1, 2020, "Moved", List.of(retired)));
        publish(work(uniqueId("w_"), 1, 2024, "Own", List.of(survivor)));
        TestEvents.publish(Topics.FOLLOW_CREATED, retired, FollowCreated.newBuilder()
                .setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now()).setAuthorId(retired)
                .setFollowerId("reader").build());
        AwaitedJson.await200(http, trust -> true, TRUST, retired);
        AwaitedJson.await200(http, trust -> explanation(trust).startsWith("1 work in"), TRUST, survivor);

        try (TopicRecorder updates = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            TestEvents.publish(Topics.AUTHOR_MERGED, retired, merge(retired, survivor));

            AwaitedJson.awaitStatus(http, 404, TRUST, retired);
            AwaitedJson.await200(http, trust -> explanation(trust).startsWith("2 works"), TRUST, survivor);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(updates.events(TrustUpdated.class))
                    .filteredOn(event -> event.getAuthorId().equals(survivor)).isNotEmpty());
        }
        assertThat(count("SELECT count(*) FROM authorship WHERE author_id = :id", retired)).isZero();
        assertThat(count("SELECT count(*) FROM follow WHERE author_id = :id", retired)).isZero();

        TestEvents.publish(Topics.AUTHOR_CLAIMED, retired, AuthorClaimed.newBuilder()
                .setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now()).setAuthorId(retired)
                .setUserId("late-claimant").setRevision(Long.MAX_VALUE / 2).build());
        publish(work(moved, 2, 2020, "Moved", List.of(survivor)));
        String marker = uniqueId("w_");
        publish(work(marker, 1, 2025, "Marker", List.of(survivor)));
        AwaitedJson.await200(http, trust -> explanation(trust).startsWith("3 works"), TRUST, survivor);
        await().atMost(PATIENCE).until(() -> count(
                "SELECT count(*) FROM pending_assessment WHERE key = :id", retired) == 0);
        assertThat(count("SELECT count(*) FROM author_trust WHERE author_id = :id", retired))
                .as("a claim of the retired author arriving late brings no record back").isZero();
    }

    @Test
    void aMergeAfterTheRepublishedWorksAndAnOlderWorkArrivingLateLeaveNoRecordOfTheRetiredAuthor() {
        String retired = uniqueId("a_");
        String survivor = uniqueId("a_");
        String workId = uniqueId("w_");
        publish(work(workId, 1, 2020, "Moved", List.of(retired)));
        AwaitedJson.await200(http, trust -> true, TRUST, retired);
        publish(work(workId, 2, 2020, "Moved", List.of(survivor)));
        AwaitedJson.awaitStatus(http, 404, TRUST, retired);
        TestEvents.publish(Topics.AUTHOR_MERGED, retired, merge(retired, survivor));
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM retired_author WHERE author_id = :id",
                retired) == 1);

        WorkImported older = work(uniqueId("w_"), 1, 2019, "Imported before the merge", List.of(retired));
        older.setOccurredAt(Instant.now().minusSeconds(3600));
        publish(older);
        AwaitedJson.await200(http, trust -> explanation(trust).startsWith("2 works"), TRUST, survivor);
        assertThat(count("SELECT count(*) FROM author_trust WHERE author_id = :id", retired)).isZero();
    }

    private void publish(WorkImported work) {
        TestEvents.publish(Topics.WORK_IMPORTED, work.getWorkId(), work);
    }

    private long count(String sql, String authorId) {
        return database.sql(sql).bind("id", authorId).map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private static String explanation(JsonNode trust) {
        return trust.get("components").get(0).get("explanation").asString();
    }
}
