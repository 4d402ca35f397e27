package org.bzpeer.trust.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.InstanceRace;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.bzpeer.trust.assessment.application.TrustService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/** trust-service on a real broker and database: events in, trust on the API and on {@code trust.updated} out. */
@ServiceTest
class TrustServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ORCID = "0000-0002-1825-0097";
    private static final String OTHER_ORCID = "0000-0001-5109-3700";
    private static final int COLLABORATION = 3;
    private static final int CLAIM = 4;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Autowired
    TrustService trustService;

    @Test
    void importedWorksGiveTheirAuthorsTrustOnTheApiAndOnTheTopicWithRisingRevisions() {
        String author = uniqueId("a_");
        String coauthor = uniqueId("a_");
        try (TopicRecorder trust = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            publishWork(work(uniqueId("w_"), 1, 2024, "Together", List.of(author, coauthor)));
            publishWork(work(uniqueId("w_"), 1, 2025, "Alone", List.of(author)));

            JsonNode body = awaitTrust(author, t -> t.get("components").get(0).get("explanation").asString()
                    .startsWith("2 works"));
            assertThat(body.get("authorId").asString()).isEqualTo(author);
            assertThat(body.get("score").asInt()).isEqualTo(14);
            assertThat(body.get("band").asString()).isEqualTo("Nascent");
            assertThat(body.get("label").asString()).isEqualTo("14 - Nascent");
            assertThat(body.get("verificationLevel").asString()).isEqualTo("L1");
            assertThat(body.get("claimed").asBoolean()).isFalse();
            assertThat(body.get("followers").asLong()).isZero();
            assertThat(body.get("computedAt").isNull()).isFalse();
            assertThat(body.get("components")).hasSize(6);
            assertThat(body.get("components").get(0).get("name").asString()).isEqualTo("Publication record");
            assertThat(body.get("components").get(0).get("points").asInt()).isEqualTo(8);
            assertThat(body.get("components").get(0).get("maxPoints").asInt()).isEqualTo(30);
            assertThat(body.get("components").get(0).get("explanation").asString())
                    .isEqualTo("2 works in the record, 2024-2025; full marks from 50");
            assertThat(body.get("components").get(1).get("explanation").asString())
                    .startsWith("2 of 2 works (100%) carry a DOI, arXiv id or PMID");
            awaitTrust(coauthor, t -> t.get("label").asString().equals("9 - Nascent"));

            List<TrustUpdated> events = awaitLastEvent(trust, author, body.get("revision").asLong());
            assertThat(events).extracting(TrustUpdated::getRevision).isSorted().doesNotHaveDuplicates();
            TrustUpdated last = events.get(events.size() - 1);
            assertThat(last.getScore()).isEqualTo(14);
            assertThat(last.getComponents().get(0).getExplanation())
                    .isEqualTo("2 works in the record, 2024-2025; full marks from 50");
        }
    }

    @Test
    void repeatedAndOlderVersionsChangeNothingAndNewerOnesReplaceTheWorksAuthorsForgettingTheDroppedOnes() {
        String author = uniqueId("a_");
        String added = uniqueId("a_");
        String workId = uniqueId("w_");
        WorkImported second = work(workId, 2, 2024, "Second version", List.of(author));
        WorkImported first = work(workId, 1, 2020, "First version", List.of(author));
        first.setRetracted(true);
        try (TopicRecorder trust = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            publishWork(second);
            publishWork(second);
            publishWork(first);
            publishWork(work(workId, 3, 2025, "Third version", List.of(author, added)));

            awaitTrust(added, t -> true);
            JsonNode latest = awaitTrust(author, t -> t.get("components").get(0).get("explanation").asString()
                    .startsWith("1 work in the record, from 2025"));
            List<TrustUpdated> events = awaitLastEvent(trust, author, latest.get("revision").asLong());
            assertThat(events).extracting(TrustUpdated::getRevision).isSorted().doesNotHaveDuplicates();
            assertThat(events).extracting(event -> event.getComponents().get(0).getExplanation())
                    .as("the older, retracted version never counted").noneMatch(text -> text.contains("retracted"));

            publishWork(work(workId, 4, 2025, "Fourth version", List.of(author)));

            await().atMost(PATIENCE).until(() -> http.get().uri("/api/v1/authors/{id}/trust", added).exchange()
                    .returnResult(JsonNode.class).getStatus().value() == 404);
            assertThat(awaitTrust(author, t -> true).get("revision").asLong())
                    .as("the author still on the work is unchanged").isEqualTo(latest.get("revision").asLong());
        }
    }

    @Test
    void aClaimRaisesTheLevelToL2AndTheClaimantsProofOfTheRecordsOrcidToL3() {
        String author = uniqueId("a_");
        WorkImported work = work(uniqueId("w_"), 1, 2024, "With ORCID", List.of(author));
        work.getAuthorships().get(0).setOrcid(ORCID);
        try (TopicRecorder trust = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            publishWork(work);
            awaitTrust(author, t -> t.get("verificationLevel").asString().equals("L1"));

            AuthorClaimed claim = claim(author, "u_first", null);
            TestEvents.publish(Topics.AUTHOR_CLAIMED, author, claim);
            TestEvents.publish(Topics.AUTHOR_CLAIMED, author, claim);
            TestEvents.publish(Topics.AUTHOR_CLAIMED, author, claim(author, "u_rival", OTHER_ORCID));
            JsonNode claimed = awaitTrust(author, t -> t.get("claimed").asBoolean());
            assertThat(claimed.get("verificationLevel").asString()).isEqualTo("L2");
            assertThat(claimed.get("components").get(CLAIM).get("points").asInt()).isEqualTo(10);

            TestEvents.publish(Topics.AUTHOR_CLAIMED, author, claim(author, "u_first", "https://orcid.org/" + ORCID));
            JsonNode proven = awaitTrust(author, t -> t.get("verificationLevel").asString().equals("L3"));
            assertThat(proven.get("components").get(CLAIM).get("points").asInt()).isEqualTo(20);
            assertThat(proven.get("components").get(CLAIM).get("explanation").asString())
                    .contains("the claimant proved ORCID " + ORCID + ", which the record carries");

            List<TrustUpdated> events = awaitLastEvent(trust, author, proven.get("revision").asLong());
            assertThat(events).extracting(TrustUpdated::getRevision).isSorted().doesNotHaveDuplicates();
            assertThat(events).extracting(TrustUpdated::getVerificationLevel).containsExactly("L1", "L2", "L3");
            assertThat(events).extracting(TrustUpdated::getClaimed).containsExactly(false, true, true);
        }
    }

    @Test
    void redeliveredAndReorderedFollowsKeepTheRightFollowerCount() {
        String author = uniqueId("a_");
        publishWork(work(uniqueId("w_"), 1, 2024, "Followed", List.of(author)));
        long revision = awaitTrust(author, t -> true).get("revision").asLong();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

        FollowCreated first = follow(author, "f1", t0.plusSeconds(10));
        TestEvents.publish(Topics.FOLLOW_CREATED, author, first);
        TestEvents.publish(Topics.FOLLOW_CREATED, author, first);
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow(author, "f2", t0.plusSeconds(10)));
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow(author, "f3", t0.plusSeconds(10)));
        awaitStoredFollow(author, "f3");
        assertThat(followers(author)).isEqualTo(3);

        FollowDeleted stale = unfollow(author, "f2", t0.plusSeconds(5));
        FollowDeleted valid = unfollow(author, "f1", t0.plusSeconds(20));
        TestEvents.publish(Topics.FOLLOW_DELETED, author, stale);
        TestEvents.publish(Topics.FOLLOW_DELETED, author, valid);
        TestEvents.publish(Topics.FOLLOW_DELETED, author, valid);
        TestEvents.publish(Topics.FOLLOW_DELETED, author, unfollow(author, "f4", t0.plusSeconds(40)));
        awaitStoredFollow(author, "f4");
        assertThat(followers(author)).isEqualTo(2);

        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow(author, "f4", t0.plusSeconds(30)));
        TestEvents.publish(Topics.FOLLOW_CREATED, author, first);
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow(author, "f5", t0.plusSeconds(50)));
        awaitStoredFollow(author, "f5");
        assertThat(followers(author)).isEqualTo(3);
        assertThat(awaitTrust(author, t -> true).get("revision").asLong())
                .as("follows are not part of the score").isEqualTo(revision);
    }

    @Test
    void aNewerGraphSummaryRaisesTheCollaborationComponentAndAnOlderOneIsIgnored() {
        String author = uniqueId("a_");
        try (TopicRecorder trust = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            publishWork(work(uniqueId("w_"), 1, 2024, "Networked", List.of(author)));
            JsonNode before = awaitTrust(author, t -> true);
            assertThat(before.get("components").get(COLLABORATION).get("explanation").asString())
                    .startsWith("No collaboration summary from the research graph yet");

            TestEvents.publish(Topics.AUTHOR_GRAPH_UPDATED, author, summary(author, 2, 40));
            TestEvents.publish(Topics.AUTHOR_GRAPH_UPDATED, author, summary(author, 1, 2));
            TestEvents.publish(Topics.AUTHOR_GRAPH_UPDATED, author, summary(author, 3, 60));

            JsonNode after = awaitTrust(author,
                    t -> t.get("components").get(COLLABORATION).get("explanation").asString().startsWith("60 "));
            assertThat(after.get("components").get(COLLABORATION).get("points").asInt()).isEqualTo(15);
            assertThat(after.get("components").get(COLLABORATION).get("explanation").asString())
                    .isEqualTo("60 distinct co-authors in the research graph; full marks from 50");
            assertThat(after.get("score").asInt()).isEqualTo(before.get("score").asInt() + 15);
            List<TrustUpdated> events = awaitLastEvent(trust, author, after.get("revision").asLong());
            assertThat(events).extracting(event -> event.getComponents().get(COLLABORATION).getPoints())
                    .as("the older summary (2 co-authors, 4 points) never counted").startsWith(0).endsWith(15)
                    .doesNotContain(4);
        }
    }

    @Test
    void aBurstOfWorksAndGraphSummariesIsCoalescedIntoRisingRevisionsEndingInTheStoredAssessment() {
        Random random = new Random(7);
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            authors.add(uniqueId("a_"));
        }
        Map<String, Integer> worksOf = new HashMap<>();
        try (TopicRecorder trust = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            for (int i = 0; i < 120; i++) {
                List<String> byline = new ArrayList<>(authors);
                Collections.shuffle(byline, random);
                byline = byline.subList(0, 1 + random.nextInt(20));
                byline.forEach(author -> worksOf.merge(author, 1, Integer::sum));
                publishWork(work(uniqueId("w_"), 1, 2000 + random.nextInt(25), "Burst " + i, byline));
                if (i == 60) {
                    authors.forEach(author -> TestEvents.publish(Topics.AUTHOR_GRAPH_UPDATED, author,
                            summary(author, 1, 7)));
                }
            }

            for (String author : authors) {
                int works = worksOf.getOrDefault(author, 0);
                if (works == 0) {
                    continue;
                }
                JsonNode body = awaitTrust(author, t -> t.get("components").get(0).get("explanation").asString()
                        .startsWith(works + " work") && t.get("components").get(COLLABORATION).get("points").asInt() > 0);
                List<TrustUpdated> events = awaitLastEvent(trust, author, body.get("revision").asLong());
                assertThat(events).extracting(TrustUpdated::getRevision).isSorted().doesNotHaveDuplicates();
                assertThat(events.get(events.size() - 1).getScore()).isEqualTo(body.get("score").asInt());
                assertThat(events).as("one reassessment per batch, not per event").hasSizeLessThanOrEqualTo(works + 1);
            }
        }
    }

    @Test
    void instancesApplyingWorksOfTheSameAuthorsInReversedOrdersNeitherDeadlockNorLoseAWork() throws Exception {
        int rounds = 15;
        List<String> authors = InstanceRace.applyInReversedOrders(60, rounds, trustService::applyWorks,
                trustService::assessPending);
        for (String author : List.of(authors.get(0), authors.get(30), authors.get(59))) {
            awaitTrust(author, t -> t.get("components").get(0).get("explanation").asString()
                    .startsWith(2 * rounds + " works in the record"));
        }
    }

    @Test
    void undecodableRecordsAreDeadLetteredWithTheReasonAndConsumptionGoesOn() {
        String author = uniqueId("a_");
        TestEvents.assertUndecodableIsDeadLettered(Topics.WORK_IMPORTED.name(), "trust-service",
                () -> publishWork(work(uniqueId("w_"), 1, 2024, "After garbage", List.of(author))));
        awaitTrust(author, t -> true);
    }

    @Test
    void anUnknownAuthorIsAProblem() {
        http.get().uri("/api/v1/authors/a_doesnotexist/trust").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-found")
                .jsonPath("$.detail").isEqualTo("No author with id 'a_doesnotexist'");
    }

    @Test
    void readinessCoversTheBrokerTheDatabaseAndTheBinders() {
        JsonNode readiness = await().atMost(PATIENCE).until(() -> http.get().uri("/actuator/health/readiness")
                .header("Authorization", "Bearer " + TestTokens.opsToken()).exchange()
                .returnResult(JsonNode.class).getResponseBody().blockFirst(),
                body -> body != null && "UP".equals(body.path("status").asString()));
        assertThat(readiness.get("components").propertyNames())
                .contains("binders", "consumers", "kafka", "r2dbc", "readinessState");
    }

    private static void publishWork(WorkImported work) {
        TestEvents.publish(Topics.WORK_IMPORTED, work.getWorkId(), work);
    }

    private JsonNode awaitTrust(String authorId, Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            var result = http.get().uri("/api/v1/authors/{id}/trust", authorId).exchange()
                    .returnResult(JsonNode.class);
            return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
        }, body -> body != null && condition.test(body));
    }

    /** The author's events on the topic, once the one with {@code revision} (the stored one) has arrived. */
    private static List<TrustUpdated> awaitLastEvent(TopicRecorder recorder, String authorId, long revision) {
        return await().atMost(PATIENCE).until(() -> recorder.events(TrustUpdated.class).stream()
                .filter(event -> event.getAuthorId().equals(authorId)).toList(),
                events -> !events.isEmpty() && events.get(events.size() - 1).getRevision() == revision);
    }

    private long followers(String authorId) {
        return awaitTrust(authorId, t -> true).get("followers").asLong();
    }

    /** Waits until the consumer stored the change of pair ({@code authorId}, {@code followerId}). */
    private void awaitStoredFollow(String authorId, String followerId) {
        await().atMost(PATIENCE).until(() -> database
                .sql("SELECT count(*) AS n FROM follow WHERE author_id = :author AND follower_id = :follower")
                .bind("author", authorId)
                .bind("follower", followerId)
                .map((row, meta) -> row.get("n", Long.class))
                .one().block() == 1);
    }

    private static AuthorClaimed claim(String authorId, String userId, String verifiedOrcid) {
        return AuthorClaimed.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(authorId).setUserId(userId).setVerifiedOrcid(verifiedOrcid).build();
    }

    private static FollowCreated follow(String authorId, String followerId, Instant at) {
        return FollowCreated.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(at)
                .setAuthorId(authorId).setFollowerId(followerId).build();
    }

    private static FollowDeleted unfollow(String authorId, String followerId, Instant at) {
        return FollowDeleted.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(at)
                .setAuthorId(authorId).setFollowerId(followerId).build();
    }

    private static AuthorGraphUpdated summary(String authorId, long revision, int coauthors) {
        return AuthorGraphUpdated.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(authorId).setRevision(revision).setWorkCount(1).setCoauthorCount(coauthors)
                .setCloseCollaboratorCount(Math.min(coauthors, 4)).setTopicCount(3).setInstitutionCount(1).build();
    }
}
