package org.bzpeer.profile.author;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.util.List;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Claims and follows: the profile changes, the events go out once, and only signed-in users may do it. */
@ServiceTest
class EngagementTest {

    @Autowired
    WebTestClient http;

    String author;

    @BeforeEach
    void anImportedAuthor() {
        author = uniqueId("a_");
        String workId = uniqueId("w_");
        TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2024, "Claimable", List.of(author)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get().uri("/api/v1/authors/{id}", author).exchange()
                        .returnResult(String.class).getStatus().is2xxSuccessful());
    }

    @Test
    void followingTwiceIsOneFollowAndOneEvent() {
        try (TopicRecorder created = TestEvents.record(Topics.FOLLOW_CREATED.name());
                TopicRecorder deleted = TestEvents.record(Topics.FOLLOW_DELETED.name())) {
            String user = TestTokens.userToken("reader-1");
            follow(user).expectStatus().isNoContent();
            follow(user).expectStatus().isNoContent();
            follow(TestTokens.userToken("reader-2")).expectStatus().isNoContent();

            http.get().uri("/api/v1/authors/{id}", author).exchange()
                    .expectBody().jsonPath("$.counts.followers").isEqualTo(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> created.events(FollowCreated.class).stream()
                    .filter(event -> event.getAuthorId().equals(author)).count() == 2);

            http.delete().uri("/api/v1/authors/{id}/followers/me", author)
                    .header("Authorization", "Bearer " + user).exchange().expectStatus().isNoContent();
            http.delete().uri("/api/v1/authors/{id}/followers/me", author)
                    .header("Authorization", "Bearer " + user).exchange().expectStatus().isNoContent();
            http.get().uri("/api/v1/authors/{id}", author).exchange()
                    .expectBody().jsonPath("$.counts.followers").isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> deleted.events(FollowDeleted.class).stream()
                    .filter(event -> event.getAuthorId().equals(author)).count() == 1);
            assertThat(created.events(FollowCreated.class)).filteredOn(event -> event.getAuthorId().equals(author))
                    .extracting(FollowCreated::getFollowerId).containsExactlyInAnyOrder("reader-1", "reader-2");
        }
    }

    @Test
    void aClaimLinksTheAuthorToOneUserWithTheVerifiedOrcid() {
        try (TopicRecorder claims = TestEvents.record(Topics.AUTHOR_CLAIMED.name())) {
            String owner = TestTokens.userTokenWithOrcid("owner-" + author, "0000-0002-1825-0097");
            claim(owner).expectStatus().isCreated();
            claim(owner).expectStatus().isOk();
            claim(TestTokens.userToken("someone-else")).expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/already-claimed");

            http.get().uri("/api/v1/authors/{id}", author).exchange()
                    .expectBody().jsonPath("$.claimed").isEqualTo(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> claims.events(AuthorClaimed.class).stream()
                    .anyMatch(event -> event.getAuthorId().equals(author)));
            assertThat(claims.events(AuthorClaimed.class)).filteredOn(event -> event.getAuthorId().equals(author))
                    .singleElement().satisfies(event -> {
                        assertThat(event.getUserId()).isEqualTo("owner-" + author);
                        assertThat(event.getVerifiedOrcid()).isEqualTo("0000-0002-1825-0097");
                    });
        }
    }

    @Test
    void onlySignedInUsersMayClaimOrFollowKnownAuthors() {
        http.post().uri("/api/v1/authors/{id}/claim", author).exchange().expectStatus().isUnauthorized();
        claim(TestTokens.pipelineToken()).expectStatus().isForbidden();
        http.put().uri("/api/v1/authors/a_unknown/followers/me")
                .header("Authorization", "Bearer " + TestTokens.userToken("reader-3"))
                .exchange().expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec follow(String token) {
        return http.put().uri("/api/v1/authors/{id}/followers/me", author)
                .header("Authorization", "Bearer " + token).exchange();
    }

    private WebTestClient.ResponseSpec claim(String token) {
        return http.post().uri("/api/v1/authors/{id}/claim", author)
                .header("Authorization", "Bearer " + token).exchange();
    }
}
