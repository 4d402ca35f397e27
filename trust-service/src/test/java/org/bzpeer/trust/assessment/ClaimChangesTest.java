package org.bzpeer.trust.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimReleased;
import org.bzpeer.schemas.events.AuthorClaimRevoked;
import org.bzpeer.schemas.events.AuthorClaimTakenOver;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Claim changes in trust-service on the real broker and database: an unverified claim gives L2, the takeover by the
 * user who proved the record's ORCID iD gives L3, release and revocation bring the author back to L1, and an older
 * change arriving late (on any claim topic) changes nothing.
 */
@ServiceTest
class ClaimChangesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ORCID = "0000-0002-1825-0097";

    @Autowired
    WebTestClient http;

    @Test
    void claimTakeoverReleaseAndRevocationMoveTheLevelAndStaleChangesAreIgnored() {
        String author = authorWithOrcid();
        try (TopicRecorder trust = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            awaitTrust(author, t -> level(t).equals("L1"));

            AuthorClaimed unverified = claimed(author, 10, "squatter", null);
            TestEvents.publish(Topics.AUTHOR_CLAIMED, author, unverified);
            awaitTrust(author, t -> level(t).equals("L2"));

            TestEvents.publish(Topics.AUTHOR_CLAIM_TAKEN_OVER, author, AuthorClaimTakenOver.newBuilder()
                    .setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now()).setAuthorId(author)
                    .setUserId("researcher").setPreviousUserId("squatter").setVerifiedOrcid(ORCID).setRevision(11)
                    .build());
            JsonNode verified = awaitTrust(author, t -> level(t).equals("L3"));
            assertThat(verified.get("claimed").asBoolean()).isTrue();

            TestEvents.publish(Topics.AUTHOR_CLAIMED, author, unverified);
            TestEvents.publish(Topics.AUTHOR_CLAIM_RELEASED, author, AuthorClaimReleased.newBuilder()
                    .setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now()).setAuthorId(author)
                    .setUserId("researcher").setRevision(12).build());
            awaitTrust(author, t -> level(t).equals("L1") && !t.get("claimed").asBoolean());

            TestEvents.publish(Topics.AUTHOR_CLAIMED, author, claimed(author, 13, "another", null));
            awaitTrust(author, t -> level(t).equals("L2"));
            TestEvents.publish(Topics.AUTHOR_CLAIM_REVOKED, author, revoked(author, 14, "another"));
            JsonNode last = awaitTrust(author, t -> level(t).equals("L1"));
            assertThat(last.get("claimed").asBoolean()).isFalse();
            assertThat(last.get("components").get(4).get("points").asInt()).isZero();

            await().atMost(PATIENCE).until(() -> trust.events(TrustUpdated.class).stream()
                    .anyMatch(e -> e.getAuthorId().equals(author) && e.getRevision() == last.get("revision").asLong()));
            assertThat(trust.events(TrustUpdated.class)).filteredOn(e -> e.getAuthorId().equals(author))
                    .extracting(TrustUpdated::getVerificationLevel)
                    .as("the redelivered unverified claim never took the author back to L2")
                    .containsExactly("L1", "L2", "L3", "L1", "L2", "L1");
        }
    }

    @Test
    void aClaimArrivingAfterItsOwnReleaseOrRevocationNeverCounts() {
        String released = authorWithOrcid();
        String revokedAuthor = authorWithOrcid();
        try (TopicRecorder trust = TestEvents.record(Topics.TRUST_UPDATED.name())) {
            awaitTrust(released, t -> level(t).equals("L1"));
            awaitTrust(revokedAuthor, t -> level(t).equals("L1"));

            TestEvents.publish(Topics.AUTHOR_CLAIM_RELEASED, released, AuthorClaimReleased.newBuilder()
                    .setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now()).setAuthorId(released)
                    .setUserId("researcher").setRevision(22).build());
            TestEvents.publish(Topics.AUTHOR_CLAIMED, released, claimed(released, 21, "researcher", ORCID));
            TestEvents.publish(Topics.AUTHOR_CLAIM_REVOKED, revokedAuthor, revoked(revokedAuthor, 32, "researcher"));
            TestEvents.publish(Topics.AUTHOR_CLAIMED, revokedAuthor, claimed(revokedAuthor, 31, "researcher", ORCID));
            for (String author : List.of(released, revokedAuthor)) {
                publishWork(author, "A later work");
                JsonNode after = awaitTrust(author, t -> t.get("components").get(0).get("explanation").asString()
                        .startsWith("2 works"));
                assertThat(level(after)).isEqualTo("L1");
                assertThat(trust.events(TrustUpdated.class)).filteredOn(e -> e.getAuthorId().equals(author))
                        .extracting(TrustUpdated::getClaimed).doesNotContain(true);
            }
        }
    }

    @Test
    void theClaimantsOwnFollowIsNotCounted() {
        String author = authorWithOrcid();
        awaitTrust(author, t -> true);
        TestEvents.publish(Topics.AUTHOR_CLAIMED, author, claimed(author, 40, "owner", ORCID));
        awaitTrust(author, t -> level(t).equals("L3"));
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow(author, "owner"));
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow(author, "reader"));
        TestEvents.publish(Topics.FOLLOW_CREATED, author, follow(author, "another-reader"));
        awaitTrust(author, t -> t.get("followers").asLong() == 2);

        TestEvents.publish(Topics.AUTHOR_CLAIM_RELEASED, author, AuthorClaimReleased.newBuilder()
                .setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now()).setAuthorId(author)
                .setUserId("owner").setRevision(41).build());
        JsonNode released = awaitTrust(author, t -> level(t).equals("L1"));
        assertThat(released.get("followers").asLong()).as("a former owner is an ordinary follower").isEqualTo(3);
    }

    private String authorWithOrcid() {
        String author = uniqueId("a_");
        publishWork(author, "With ORCID");
        return author;
    }

    private void publishWork(String author, String title) {
        WorkImported work = work(uniqueId("w_"), 1, 2024, title, List.of(author));
        work.getAuthorships().get(0).setOrcid(ORCID);
        TestEvents.publish(Topics.WORK_IMPORTED, work.getWorkId(), work);
    }

    private JsonNode awaitTrust(String author, Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).until(() -> {
            var result = http.get().uri("/api/v1/authors/{id}/trust", author).exchange()
                    .returnResult(JsonNode.class);
            return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
        }, body -> body != null && condition.test(body));
    }

    private static String level(JsonNode trust) {
        return trust.get("verificationLevel").asString();
    }

    private static AuthorClaimed claimed(String author, long revision, String user, String orcid) {
        return AuthorClaimed.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(author).setUserId(user).setVerifiedOrcid(orcid).setRevision(revision).build();
    }

    private static AuthorClaimRevoked revoked(String author, long revision, String user) {
        return AuthorClaimRevoked.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(author).setUserId(user).setRevokedBy("operator").setReason("impersonation")
                .setRevision(revision).build();
    }

    private static FollowCreated follow(String author, String follower) {
        return FollowCreated.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(author).setFollowerId(follower).build();
    }
}
