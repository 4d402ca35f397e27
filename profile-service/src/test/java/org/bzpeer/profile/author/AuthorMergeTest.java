package org.bzpeer.profile.author;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.profile.ImportedAuthors.imported;
import static org.bzpeer.profile.ImportedAuthors.uniqueOrcid;
import static org.bzpeer.testkit.SampleEvents.merge;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.AwaitedJson;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Author merges ({@code author.merged}) on the real broker and database: the retired id redirects, its followers and
 * (by the merge rule) its claim move to the survivor, search forgets it; whether the merge arrives before or after
 * the works published again naming the survivor, through chains of merges, and until a later work brings it back.
 */
@ServiceTest
class AuthorMergeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    WebTestClient http;

    @Test
    void aMergeBeforeTheRepublishedWorksRedirectsMovesFollowersOnceAndLeavesSearch() {
        String retired = uniqueId("a_");
        String survivor = imported(http, null);
        String workId = uniqueId("w_");
        publishWork(work(workId, 1, 2021, "Merged work", List.of(retired)));
        awaitStatus("/api/v1/authors/" + retired, HttpStatus.OK);

        try (TopicRecorder follows = TestEvents.record(Topics.FOLLOW_CREATED.name())) {
            follow(retired, "only-retired-" + retired);
            follow(retired, "both-" + retired);
            follow(survivor, "both-" + retired);
            TestEvents.publish(Topics.AUTHOR_MERGED, retired, merge(retired, survivor));

            awaitStatus("/api/v1/authors/" + retired, HttpStatus.PERMANENT_REDIRECT);
            http.get().uri("/api/v1/authors/{id}", retired).exchange()
                    .expectHeader().location("/api/v1/authors/" + survivor);
            http.get().uri("/api/v1/authors/{id}/works?limit=5&yearFrom=2000", retired).exchange()
                    .expectStatus().isEqualTo(HttpStatus.PERMANENT_REDIRECT)
                    .expectHeader().location("/api/v1/authors/" + survivor + "/works?limit=5&yearFrom=2000");
            assertThat(profile(survivor).get("counts").get("followers").asLong()).isEqualTo(2);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(follows.events(FollowCreated.class))
                    .filteredOn(event -> event.getAuthorId().equals(survivor))
                    .extracting(FollowCreated::getFollowerId)
                    .containsExactlyInAnyOrder("both-" + retired, "only-retired-" + retired));
        }
        http.put().uri("/api/v1/authors/{id}/followers/me", retired)
                .header("Authorization", "Bearer " + TestTokens.userToken("late-" + retired)).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().location("/api/v1/authors/" + survivor + "/followers/me")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/author-merged")
                .jsonPath("$.mergedInto").isEqualTo(survivor);
        assertThat(searchIds("Author " + retired)).doesNotContain(retired);

        publishWork(work(workId, 2, 2021, "Merged work", List.of(survivor)));
        await().atMost(PATIENCE).until(() -> profile(survivor).get("counts").get("works").asLong() == 2);
        http.get().uri("/api/v1/authors/{id}", retired).exchange()
                .expectStatus().isEqualTo(HttpStatus.PERMANENT_REDIRECT);
    }

    @Test
    void aMergeAfterTheRepublishedWorksRedirectsAnAuthorWhosePageWasAlreadyGone() {
        String retired = uniqueId("a_");
        String survivor = uniqueId("a_");
        String workId = uniqueId("w_");
        publishWork(work(workId, 1, 2020, "Moved work", List.of(retired)));
        awaitStatus("/api/v1/authors/" + retired, HttpStatus.OK);

        publishWork(work(workId, 2, 2020, "Moved work", List.of(survivor)));
        awaitStatus("/api/v1/authors/" + retired, HttpStatus.NOT_FOUND);
        TestEvents.publish(Topics.AUTHOR_MERGED, retired, merge(retired, survivor));

        awaitStatus("/api/v1/authors/" + retired, HttpStatus.PERMANENT_REDIRECT);
        assertThat(profile(survivor).get("counts").get("works").asLong()).isEqualTo(1);
    }

    @Test
    void chainedMergesRedirectToTheLastSurvivorWhateverOrderTheyArriveIn() {
        String first = imported(http, null);
        String second = imported(http, null);
        String last = imported(http, null);
        AuthorMerged earlier = merge(first, second);
        AuthorMerged later = merge(second, last);
        later.setOccurredAt(earlier.getOccurredAt().plusSeconds(1));
        TestEvents.publish(Topics.AUTHOR_MERGED, second, later);
        TestEvents.publish(Topics.AUTHOR_MERGED, first, earlier);

        for (String retired : List.of(first, second)) {
            await().atMost(PATIENCE).until(() -> ("/api/v1/authors/" + last).equals(http.get()
                    .uri("/api/v1/authors/{id}", retired).exchange().returnResult(String.class)
                    .getResponseHeaders().getFirst("Location")));
        }
        http.get().uri("/api/v1/authors/{id}/works", first).exchange()
                .expectStatus().isEqualTo(HttpStatus.PERMANENT_REDIRECT)
                .expectHeader().location("/api/v1/authors/" + last + "/works");
    }

    @Test
    void aClaimMovesOnlyWhereItsOwnerCouldClaimTheSurvivorAndStaysVisibleToItsOwnerOtherwise() {
        String orcid = uniqueOrcid();
        String movable = imported(http, null);
        String openSurvivor = imported(http, null);
        String kept = imported(http, null);
        String survivorWithOrcid = imported(http, orcid);
        String verified = imported(http, orcid);
        String sameOrcidSurvivor = imported(http, orcid);
        String mover = TestTokens.userToken("mover-" + movable);
        String keeper = TestTokens.userToken("keeper-" + kept);
        String prover = TestTokens.userTokenWithOrcid("prover-" + verified, orcid);
        claim(movable, mover);
        claim(kept, keeper);
        claim(verified, prover);

        try (TopicRecorder claims = TestEvents.record(Topics.AUTHOR_CLAIMED.name())) {
            TestEvents.publish(Topics.AUTHOR_MERGED, movable, merge(movable, openSurvivor));
            TestEvents.publish(Topics.AUTHOR_MERGED, kept, merge(kept, survivorWithOrcid));
            TestEvents.publish(Topics.AUTHOR_MERGED, verified, merge(verified, sameOrcidSurvivor));
            awaitStatus("/api/v1/authors/" + movable, HttpStatus.PERMANENT_REDIRECT);
            awaitStatus("/api/v1/authors/" + kept, HttpStatus.PERMANENT_REDIRECT);
            awaitStatus("/api/v1/authors/" + verified, HttpStatus.PERMANENT_REDIRECT);

            assertThat(viewer(openSurvivor, mover).get("owner").asBoolean()).isTrue();
            assertThat(viewer(sameOrcidSurvivor, prover).get("owner").asBoolean()).isTrue();
            assertThat(profile(survivorWithOrcid).get("claimed").asBoolean())
                    .as("an unverified claim never lands on a record with an ORCID iD").isFalse();
            assertThat(viewer(kept, keeper).get("owner").asBoolean()).as("kept, and shown to its owner").isTrue();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(claims.events(AuthorClaimed.class))
                    .extracting(AuthorClaimed::getAuthorId, AuthorClaimed::getVerifiedOrcid)
                    .contains(tuple(openSurvivor, null),
                            tuple(sameOrcidSurvivor, orcid))
                    .noneMatch(tuple -> tuple.toList().contains(survivorWithOrcid)));
        }
    }

    @Test
    void aWorkNamingTheRetiredAuthorAfterTheMergeBringsThemBackAndAnOlderOneGoesToTheSurvivor() {
        String retired = imported(http, null);
        String survivor = imported(http, null);
        TestEvents.publish(Topics.AUTHOR_MERGED, retired, merge(retired, survivor));
        awaitStatus("/api/v1/authors/" + retired, HttpStatus.PERMANENT_REDIRECT);

        String stale = uniqueId("w_");
        WorkImported older = work(stale, 1, 2019, "Older", List.of(retired));
        older.setOccurredAt(Instant.now().minusSeconds(3600));
        publishWork(older);
        await().atMost(PATIENCE).until(() -> profile(survivor).get("counts").get("works").asLong() == 2);

        String split = uniqueId("w_");
        publishWork(work(split, 1, 2025, "Split off again", List.of(retired)));
        awaitStatus("/api/v1/authors/" + retired, HttpStatus.OK);
        await().atMost(PATIENCE).until(() -> searchIds("Author " + retired).contains(retired));
    }

    private void publishWork(WorkImported work) {
        TestEvents.publish(Topics.WORK_IMPORTED, work.getWorkId(), work);
    }

    private void awaitStatus(String uri, HttpStatus status) {
        AwaitedJson.awaitStatus(http, status.value(), uri);
    }

    private void follow(String authorId, String user) {
        http.put().uri("/api/v1/authors/{id}/followers/me", authorId)
                .header("Authorization", "Bearer " + TestTokens.userToken(user)).exchange()
                .expectStatus().isNoContent();
    }

    private void claim(String authorId, String token) {
        http.post().uri("/api/v1/authors/{id}/claim", authorId).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isCreated();
    }

    private JsonNode profile(String authorId) {
        return http.get().uri("/api/v1/authors/{id}", authorId).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode viewer(String authorId, String token) {
        return http.get().uri("/api/v1/authors/{id}", authorId).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("viewer");
    }

    private List<String> searchIds(String name) {
        JsonNode page = http.get().uri(uri -> uri.path("/api/v1/authors").queryParam("q", name).build()).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        return page.get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }
}
