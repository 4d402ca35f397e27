package org.bzpeer.profile.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bzpeer.profile.ImportedAuthors.imported;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.CollaborationAccepted;
import org.bzpeer.schemas.events.CollaborationDeclined;
import org.bzpeer.schemas.events.CollaborationRequested;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.jayway.jsonpath.JsonPath;

/**
 * Collaboration requests over HTTP on the real broker and database: when they may be sent, the owner's inbox and
 * decisions, an event per step, and the per-sender rate limit under concurrent requests.
 */
@ServiceTest
class CollaborationRequestsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String PROBLEMS = "https://bzpeer.org/problems/";

    @Autowired
    WebTestClient http;

    String author;
    String owner;

    @BeforeEach
    void aClaimedAuthor() {
        author = imported(http, null);
        owner = "owner-" + author;
        http.post().uri("/api/v1/authors/{id}/claim", author)
                .header("Authorization", "Bearer " + TestTokens.userToken(owner)).exchange()
                .expectStatus().isCreated();
    }

    @Test
    void aRequestNeedsAClaimedAuthorOpenToCollaborateAnotherSenderAndAMessage() {
        send(author, "sender-" + author, "Shall we?").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "not-open-to-collaborate");
        openToCollaborate(author);
        send(author, owner, "Me, myself").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "sender-is-owner");
        String unclaimed = imported(http, null);
        send(unclaimed, "sender-" + author, "Anyone?").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "author-not-claimed");
        send("a_unknown", "sender-" + author, "Hello").expectStatus().isNotFound();
        send(author, "sender-" + author, " ").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("message");
        send(author, "sender-" + author, "x".repeat(2001)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("message")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("2000"));
        http.post().uri("/api/v1/authors/{id}/collaboration-requests", author)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"message\": \"Hi\"}").exchange()
                .expectStatus().isUnauthorized();

        send(author, "sender-" + author, "Shall we?").expectStatus().isCreated()
                .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location)
                        .startsWith("/api/v1/me/collaboration-requests/"))
                .expectBody().jsonPath("$.status").isEqualTo("pending")
                .jsonPath("$.senderId").isEqualTo("sender-" + author)
                .jsonPath("$.message").isEqualTo("Shall we?");
    }

    @Test
    void theOwnerAcceptsOrDeclinesEachRequestOnceFromTheInboxWithAnEventPerStep() {
        openToCollaborate(author);
        try (TopicRecorder requested = TestEvents.record(Topics.COLLABORATION_REQUESTED.name());
                TopicRecorder accepted = TestEvents.record(Topics.COLLABORATION_ACCEPTED.name());
                TopicRecorder declined = TestEvents.record(Topics.COLLABORATION_DECLINED.name())) {
            String first = requestId(send(author, "alice-" + author, "First"));
            String second = requestId(send(author, "bob-" + author, "Second"));
            String third = requestId(send(author, "carol-" + author, "Third"));

            String inbox = inbox(owner, "limit=2");
            assertThat(JsonPath.<List<String>>read(inbox, "$.items[*].id")).containsExactly(third, second);
            String rest = inbox(owner, "limit=2&cursor=" + JsonPath.read(inbox, "$.nextCursor"));
            assertThat(JsonPath.<List<String>>read(rest, "$.items[*].id")).containsExactly(first);
            assertThat(JsonPath.<String>read(rest, "$.nextCursor")).isNull();
            assertThat(JsonPath.<List<String>>read(inbox("alice-" + author, ""), "$.items")).isEmpty();

            decide(first, "alice-" + author, "accept").expectStatus().isForbidden().expectBody()
                    .jsonPath("$.type").isEqualTo(PROBLEMS + "not-the-owner");
            decide(first, owner, "accept").expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("accepted").jsonPath("$.decidedAt").isNotEmpty();
            decide(first, owner, "accept").expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("accepted");
            decide(first, owner, "decline").expectStatus().isEqualTo(409).expectBody()
                    .jsonPath("$.type").isEqualTo(PROBLEMS + "already-decided");
            decide(second, owner, "decline").expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("declined");
            decide(second, owner, "decline").expectStatus().isOk();
            decide("no-such-request", owner, "accept").expectStatus().isNotFound();

            assertThat(JsonPath.<List<String>>read(inbox(owner, "status=pending"), "$.items[*].id"))
                    .containsExactly(third);
            assertThat(JsonPath.<List<String>>read(inbox(owner, "status=accepted"), "$.items[*].id"))
                    .containsExactly(first);
            http.get().uri("/api/v1/me/collaboration-requests?status=maybe")
                    .header("Authorization", "Bearer " + TestTokens.userToken(owner)).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("status");

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(requested.events(CollaborationRequested.class))
                        .filteredOn(event -> event.getAuthorId().equals(author))
                        .extracting(CollaborationRequested::getRequestId).containsExactlyInAnyOrder(first, second,
                                third);
                assertThat(accepted.events(CollaborationAccepted.class))
                        .filteredOn(event -> event.getAuthorId().equals(author))
                        .extracting(CollaborationAccepted::getRequestId).containsExactly(first);
                assertThat(declined.events(CollaborationDeclined.class))
                        .filteredOn(event -> event.getAuthorId().equals(author))
                        .extracting(CollaborationDeclined::getRequestId).containsExactly(second);
            });
            CollaborationRequested event = requested.events(CollaborationRequested.class).stream()
                    .filter(e -> e.getRequestId().equals(first)).findFirst().orElseThrow();
            assertThat(event.getSenderId()).isEqualTo("alice-" + author);
            assertThat(event.getOwnerId()).isEqualTo(owner);
            assertThat(event.getMessage()).isEqualTo("First");
        }
    }

    @Test
    void aSenderGetsTenRequestsAnHourEvenWhenSendingThemAllAtOnce() {
        openToCollaborate(author);
        String sender = "eager-" + author;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<WebTestClient.ResponseSpec>> sends = IntStream.range(0, 14)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> send(author, sender, "Request " + i), threads))
                    .toList();
            Map<Integer, List<WebTestClient.ResponseSpec>> byStatus = sends.stream().map(CompletableFuture::join)
                    .collect(Collectors.groupingBy(response -> response.returnResult(String.class).getStatus()
                            .value()));
            assertThat(byStatus.keySet()).containsExactlyInAnyOrder(201, 429);
            assertThat(byStatus.get(201)).hasSize(10);
            assertThat(byStatus.get(429)).hasSize(4);
        } finally {
            threads.shutdown();
        }
        send(author, sender, "Once more").expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds))
                        .isBetween(3500L, 3600L))
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "rate-limited");
        send(author, "patient-" + author, "Another sender is not limited").expectStatus().isCreated();
    }

    private void openToCollaborate(String authorId) {
        http.patch().uri("/api/v1/authors/{id}", authorId)
                .header("Authorization", "Bearer " + TestTokens.userToken(owner))
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue("{\"openToCollaborate\": true}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.openToCollaborate").isEqualTo(true);
    }

    private WebTestClient.ResponseSpec send(String authorId, String sender, String message) {
        return http.post().uri("/api/v1/authors/{id}/collaboration-requests", authorId)
                .header("Authorization", "Bearer " + TestTokens.userToken(sender))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("message", message)).exchange();
    }

    private String requestId(WebTestClient.ResponseSpec response) {
        return JsonPath.read(response.expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody(), "$.id");
    }

    private String inbox(String user, String query) {
        return http.get().uri("/api/v1/me/collaboration-requests?" + query)
                .header("Authorization", "Bearer " + TestTokens.userToken(user)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec decide(String requestId, String user, String decision) {
        return http.post().uri("/api/v1/me/collaboration-requests/{id}/{decision}", requestId, decision)
                .header("Authorization", "Bearer " + TestTokens.userToken(user)).exchange();
    }
}
