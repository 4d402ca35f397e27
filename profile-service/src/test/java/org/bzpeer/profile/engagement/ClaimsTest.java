package org.bzpeer.profile.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.profile.ImportedAuthors.imported;
import static org.bzpeer.profile.ImportedAuthors.uniqueOrcid;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.profile.engagement.application.Claims;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimReleased;
import org.bzpeer.schemas.events.AuthorClaimRevoked;
import org.bzpeer.schemas.events.AuthorClaimTakenOver;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.jayway.jsonpath.JsonPath;

/**
 * The claim rules over HTTP on the real broker and database: who may claim, what each refusal says, and the event
 * every change publishes with a growing claim revision.
 */
@ServiceTest
class ClaimsTest {

    private final String orcid = uniqueOrcid();
    private final String otherOrcid = uniqueOrcid();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    WebTestClient http;

    @Autowired
    Claims claims;

    @Test
    void anImpostorWithoutTheRecordsOrcidIsRefusedAndTheRealResearcherClaimsItVerified() {
        String author = imported(http, orcid);
        try (TopicRecorder claimed = TestEvents.record(Topics.AUTHOR_CLAIMED.name())) {
            claim(author, TestTokens.userToken("impostor")).expectStatus().isForbidden().expectBody()
                    .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/orcid-required")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(author, orcid));
            claim(author, TestTokens.userTokenWithOrcid("impostor", otherOrcid)).expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/orcid-mismatch")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(orcid, otherOrcid));
            page(author).jsonPath("$.claimed").isEqualTo(false);

            String researcher = TestTokens.userTokenWithOrcid("researcher-" + author, "https://orcid.org/" + orcid);
            claim(author, researcher).expectStatus().isCreated();
            claim(author, researcher).expectStatus().isOk();
            claim(author, TestTokens.userTokenWithOrcid("second-account", orcid)).expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/claimed-by-another-user");
            claim(author, TestTokens.userToken("impostor")).expectStatus().isForbidden();

            page(author).jsonPath("$.claimed").isEqualTo(true);
            assertThat(claims.owner(author).block()).isEqualTo("researcher-" + author);
            AuthorClaimed event = single(claimed, AuthorClaimed.class, author, AuthorClaimed::getAuthorId);
            assertThat(event.getUserId()).isEqualTo("researcher-" + author);
            assertThat(event.getVerifiedOrcid()).isEqualTo(orcid);
            assertThat(event.getRevision()).isPositive();
        }
    }

    @Test
    void anUnverifiedClaimIsFirstComeFirstServedUntilTheRealResearcherProvesTheOrcidTheRecordGains() {
        String author = imported(http, null);
        try (TopicRecorder claimed = TestEvents.record(Topics.AUTHOR_CLAIMED.name());
                TopicRecorder takenOver = TestEvents.record(Topics.AUTHOR_CLAIM_TAKEN_OVER.name())) {
            claim(author, TestTokens.userToken("first-" + author)).expectStatus().isCreated();
            claim(author, TestTokens.userToken("first-" + author)).expectStatus().isOk();
            claim(author, TestTokens.userTokenWithOrcid("second", orcid)).expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/claimed-by-another-user")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("unverified"));
            AuthorClaimed first = single(claimed, AuthorClaimed.class, author, AuthorClaimed::getAuthorId);
            assertThat(first.getVerifiedOrcid()).isNull();

            WorkImported withOrcid = work(uniqueId("w_"), 1, 2025, "Now with ORCID", List.of(author));
            withOrcid.getAuthorships().get(0).setOrcid(orcid);
            TestEvents.publish(Topics.WORK_IMPORTED, withOrcid.getWorkId(), withOrcid);
            await().atMost(PATIENCE).until(() -> orcid.equals(JsonPath.read(http.get()
                    .uri("/api/v1/authors/{id}", author).exchange().expectBody(String.class).returnResult()
                    .getResponseBody(), "$.orcid")));

            claim(author, TestTokens.userToken("first-" + author)).expectStatus().isOk();
            claim(author, TestTokens.userToken("impostor")).expectStatus().isForbidden().expectBody()
                    .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/orcid-required");
            claim(author, TestTokens.userTokenWithOrcid("researcher-" + author, orcid)).expectStatus().isCreated();

            assertThat(claims.owner(author).block()).isEqualTo("researcher-" + author);
            AuthorClaimTakenOver takeover = single(takenOver, AuthorClaimTakenOver.class, author,
                    AuthorClaimTakenOver::getAuthorId);
            assertThat(takeover.getUserId()).isEqualTo("researcher-" + author);
            assertThat(takeover.getPreviousUserId()).isEqualTo("first-" + author);
            assertThat(takeover.getVerifiedOrcid()).isEqualTo(orcid);
            assertThat(takeover.getRevision()).isGreaterThan(first.getRevision());
            release(author, TestTokens.userToken("first-" + author)).expectStatus().isForbidden().expectBody()
                    .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-the-owner");
        }
    }

    @Test
    void theOwnerReleasesAndAnOperatorRevokesEachOnceWithItsEvent() {
        String author = imported(http, null);
        try (TopicRecorder released = TestEvents.record(Topics.AUTHOR_CLAIM_RELEASED.name());
                TopicRecorder revoked = TestEvents.record(Topics.AUTHOR_CLAIM_REVOKED.name())) {
            String owner = TestTokens.userToken("owner-" + author);
            claim(author, owner).expectStatus().isCreated();
            release(author, owner).expectStatus().isNoContent();
            release(author, owner).expectStatus().isNoContent();
            page(author).jsonPath("$.claimed").isEqualTo(false);
            AuthorClaimReleased release = single(released, AuthorClaimReleased.class, author,
                    AuthorClaimReleased::getAuthorId);
            assertThat(release.getUserId()).isEqualTo("owner-" + author);

            claim(author, TestTokens.userToken("squatter-" + author)).expectStatus().isCreated();
            revoke(author, TestTokens.userToken("squatter-" + author)).expectStatus().isForbidden();
            http.post().uri("/api/v1/admin/authors/{id}/claim/revoke", author)
                    .header("Authorization", "Bearer " + TestTokens.opsToken())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"not this person\"}")
                    .exchange().expectStatus().isNoContent();
            revoke(author, TestTokens.opsToken()).expectStatus().isNotFound().expectBody()
                    .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-claimed");
            page(author).jsonPath("$.claimed").isEqualTo(false);
            assertThat(claims.owner(author).blockOptional()).isEmpty();

            AuthorClaimRevoked revocation = single(revoked, AuthorClaimRevoked.class, author,
                    AuthorClaimRevoked::getAuthorId);
            assertThat(revocation.getUserId()).isEqualTo("squatter-" + author);
            assertThat(revocation.getRevokedBy()).isEqualTo("test-operator");
            assertThat(revocation.getReason()).isEqualTo("not this person");
            assertThat(revocation.getRevision()).isGreaterThan(release.getRevision());
        }
    }

    @Test
    void onlySignedInUsersMayClaimKnownAuthors() {
        String author = imported(http, null);
        http.post().uri("/api/v1/authors/{id}/claim", author).exchange().expectStatus().isUnauthorized();
        claim(author, TestTokens.pipelineToken()).expectStatus().isForbidden();
        claim("a_unknown", TestTokens.userToken("reader")).expectStatus().isNotFound();
        revoke("a_unknown", TestTokens.opsToken()).expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-found");
    }

    private <E extends SpecificRecord> E single(TopicRecorder recorder, Class<E> type, String author,
            Function<E, String> authorOf) {
        await().atMost(PATIENCE).until(() -> recorder.events(type).stream()
                .anyMatch(event -> authorOf.apply(event).equals(author)));
        List<E> events = recorder.events(type).stream().filter(event -> authorOf.apply(event).equals(author)).toList();
        assertThat(events).as("%s of %s", type.getSimpleName(), author).hasSize(1);
        return events.get(0);
    }

    private WebTestClient.BodyContentSpec page(String author) {
        return http.get().uri("/api/v1/authors/{id}", author).exchange().expectStatus().isOk().expectBody();
    }

    private WebTestClient.ResponseSpec claim(String author, String token) {
        return http.post().uri("/api/v1/authors/{id}/claim", author)
                .header("Authorization", "Bearer " + token).exchange();
    }

    private WebTestClient.ResponseSpec release(String author, String token) {
        return http.delete().uri("/api/v1/authors/{id}/claim", author)
                .header("Authorization", "Bearer " + token).exchange();
    }

    private WebTestClient.ResponseSpec revoke(String author, String token) {
        return http.post().uri("/api/v1/admin/authors/{id}/claim/revoke", author)
                .header("Authorization", "Bearer " + token).exchange();
    }
}
