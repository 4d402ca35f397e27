package org.bzpeer.profile.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.profile.ImportedAuthors.imported;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.jayway.jsonpath.JsonPath;

/**
 * Follows over HTTP on the real broker and database: exact under concurrent requests, one event per change, what
 * the caller follows, and an owner's own follow left out of the count.
 */
@ServiceTest
class FollowsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int USERS = 20;
    private static final int REPEATS = 3;

    @Autowired
    WebTestClient http;

    @Test
    void concurrentFollowsAndUnfollowsLeaveTheCountEqualToTheDistinctFollowersAndOneEventPerChange() {
        String author = imported(http, null);
        String other = imported(http, null);
        List<String> users = IntStream.range(0, USERS).mapToObj(i -> "fan-" + i + "-" + author).toList();
        try (TopicRecorder created = TestEvents.record(Topics.FOLLOW_CREATED.name());
                TopicRecorder deleted = TestEvents.record(Topics.FOLLOW_DELETED.name())) {
            List<Runnable> requests = new ArrayList<>();
            for (String user : users) {
                for (int i = 0; i < REPEATS; i++) {
                    requests.add(() -> follow(HttpMethod.PUT, author, user));
                    requests.add(() -> follow(HttpMethod.PUT, other, user));
                }
            }
            runConcurrently(requests);
            assertThat(followers(author)).isEqualTo(USERS);
            assertThat(followers(other)).isEqualTo(USERS);

            requests.clear();
            for (String user : users.subList(0, USERS / 2)) {
                for (int i = 0; i < REPEATS; i++) {
                    requests.add(() -> follow(HttpMethod.DELETE, author, user));
                    requests.add(() -> follow(HttpMethod.PUT, author, user));
                    requests.add(() -> follow(HttpMethod.DELETE, other, user));
                }
            }
            runConcurrently(requests);

            List<String> stillFollowing = users.stream().filter(user -> followedBy(user).contains(author)).toList();
            assertThat(stillFollowing).containsAll(users.subList(USERS / 2, USERS));
            assertThat(followers(author)).isEqualTo(stillFollowing.size());
            assertThat(followers(other)).isEqualTo(USERS / 2);
            assertThat(users).allSatisfy(user -> assertThat(followedBy(user).contains(other))
                    .isEqualTo(users.indexOf(user) >= USERS / 2));

            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<String, Long> follows = created.events(FollowCreated.class).stream()
                        .filter(event -> event.getAuthorId().equals(author))
                        .collect(Collectors.groupingBy(FollowCreated::getFollowerId, Collectors.counting()));
                Map<String, Long> unfollows = deleted.events(FollowDeleted.class).stream()
                        .filter(event -> event.getAuthorId().equals(author))
                        .collect(Collectors.groupingBy(FollowDeleted::getFollowerId, Collectors.counting()));
                assertThat(users).allSatisfy(user -> assertThat(follows.getOrDefault(user, 0L)
                        - unfollows.getOrDefault(user, 0L)).as(user).isEqualTo(stillFollowing.contains(user) ? 1 : 0));
                assertThat(created.events(FollowCreated.class)).filteredOn(e -> e.getAuthorId().equals(other))
                        .hasSize(USERS);
                assertThat(deleted.events(FollowDeleted.class)).filteredOn(e -> e.getAuthorId().equals(other))
                        .hasSize(USERS / 2);
            });
        }
    }

    @Test
    void theCallersFollowsArePagedNewestFirst() {
        String reader = "reader-" + imported(http, null);
        List<String> authors = List.of(imported(http, null), imported(http, null), imported(http, null));
        authors.forEach(author -> follow(HttpMethod.PUT, author, reader));

        String first = following(reader, 2, null);
        assertThat(JsonPath.<List<String>>read(first, "$.items[*].authorId"))
                .containsExactly(authors.get(2), authors.get(1));
        assertThat(JsonPath.<String>read(first, "$.items[0].name")).isEqualTo("Author " + authors.get(2));
        String second = following(reader, 2, JsonPath.read(first, "$.nextCursor"));
        assertThat(JsonPath.<List<String>>read(second, "$.items[*].authorId")).containsExactly(authors.get(0));
        assertThat(JsonPath.<String>read(second, "$.nextCursor")).isNull();
        http.get().uri("/api/v1/me/following").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/me/following?cursor=bm9wZQ")
                .header("Authorization", "Bearer " + TestTokens.userToken(reader)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("cursor");
    }

    @Test
    void anOwnerFollowingTheirOwnAuthorIsNotCounted() {
        String author = imported(http, null);
        String owner = "owner-" + author;
        http.post().uri("/api/v1/authors/{id}/claim", author)
                .header("Authorization", "Bearer " + TestTokens.userToken(owner)).exchange()
                .expectStatus().isCreated();
        follow(HttpMethod.PUT, author, owner);
        assertThat(followers(author)).isZero();
        assertThat(followedBy(owner)).containsExactly(author);

        follow(HttpMethod.PUT, author, "reader-" + author);
        assertThat(followers(author)).isEqualTo(1);

        http.delete().uri("/api/v1/authors/{id}/claim", author)
                .header("Authorization", "Bearer " + TestTokens.userToken(owner)).exchange()
                .expectStatus().isNoContent();
        assertThat(followers(author)).as("no longer the owner: an ordinary follower").isEqualTo(2);
    }

    @Test
    void onlySignedInUsersFollowKnownAuthors() {
        http.put().uri("/api/v1/authors/a_unknown/followers/me")
                .header("Authorization", "Bearer " + TestTokens.userToken("reader")).exchange()
                .expectStatus().isNotFound();
        http.put().uri("/api/v1/authors/a_unknown/followers/me").exchange().expectStatus().isUnauthorized();
    }

    private void follow(HttpMethod method, String author, String user) {
        http.method(method).uri("/api/v1/authors/{id}/followers/me", author)
                .header("Authorization", "Bearer " + TestTokens.userToken(user)).exchange()
                .expectStatus().isNoContent();
    }

    private long followers(String author) {
        String body = http.get().uri("/api/v1/authors/{id}", author).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JsonPath.<Number>read(body, "$.counts.followers").longValue();
    }

    private List<String> followedBy(String user) {
        return JsonPath.read(following(user, 100, null), "$.items[*].authorId");
    }

    private String following(String user, int limit, String cursor) {
        return http.get().uri(uri -> uri.path("/api/v1/me/following").queryParam("limit", limit)
                        .queryParamIfPresent("cursor", Optional.ofNullable(cursor)).build())
                .header("Authorization", "Bearer " + TestTokens.userToken(user)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static void runConcurrently(List<Runnable> requests) {
        List<Runnable> shuffled = new ArrayList<>(requests);
        Collections.shuffle(shuffled);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture.allOf(shuffled.stream().map(request -> CompletableFuture.runAsync(request, threads))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdown();
        }
    }
}
