package org.bzpeer.profile;

import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.util.List;

import org.bzpeer.schemas.Topics;
import org.bzpeer.testkit.AuthorizationMatrix;
import org.bzpeer.testkit.ServiceSecurityContract;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Claims, follows and owner edits need profile:write, and a user acts only on what is theirs: a claim belongs to the
 * user who made it ({@code POST /claim} by another user is a 409 and leaves it theirs), only that owner may edit the
 * page ({@code PATCH} by anyone else is a 403 {@code not-the-owner}), and {@code /followers/me} is always the token's
 * subject, so one user cannot unfollow for another. See {@link ServiceSecurityContract} for the rest.
 */
@ServiceTest
class SecurityTest extends ServiceSecurityContract {

    @Override
    protected void declare(AuthorizationMatrix matrix) {
        matrix.requires(HttpMethod.PATCH, "/api/v1/authors/{id}", TestTokens.PROFILE_WRITE)
                .requires(HttpMethod.POST, "/api/v1/authors/{id}/claim", TestTokens.PROFILE_WRITE)
                .requires(HttpMethod.DELETE, "/api/v1/authors/{id}/claim", TestTokens.PROFILE_WRITE)
                .requires(HttpMethod.POST, "/api/v1/admin/authors/{id}/claim/revoke", TestTokens.OPS_ADMIN)
                .requires(HttpMethod.POST, "/api/v1/authors/{id}/collaboration-requests", TestTokens.PROFILE_WRITE)
                .requires(HttpMethod.POST, "/api/v1/me/collaboration-requests/{requestId}/accept",
                        TestTokens.PROFILE_WRITE)
                .requires(HttpMethod.POST, "/api/v1/me/collaboration-requests/{requestId}/decline",
                        TestTokens.PROFILE_WRITE)
                .requires(HttpMethod.PUT, "/api/v1/authors/{id}/followers/me", TestTokens.PROFILE_WRITE)
                .requires(HttpMethod.DELETE, "/api/v1/authors/{id}/followers/me", TestTokens.PROFILE_WRITE);
    }

    @Test
    void anotherUserCannotTakeOverAClaimOrEditTheOwnersPage() {
        String author = importedAuthor();
        String owner = TestTokens.userToken("owner-" + author);
        String intruder = TestTokens.userToken("intruder-" + author);

        write(HttpMethod.POST, "/api/v1/authors/{id}/claim", author, owner).expectStatus().isCreated();
        write(HttpMethod.POST, "/api/v1/authors/{id}/claim", author, intruder).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/claimed-by-another-user");
        write(HttpMethod.POST, "/api/v1/authors/{id}/claim", author, owner).expectStatus().isOk();

        editDescription(author, intruder).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-the-owner");
        editDescription(author, owner).expectStatus().isOk();
    }

    @Test
    void oneUserCannotUnfollowForAnother() {
        String author = importedAuthor();
        String follower = TestTokens.userToken("follower-" + author);
        String other = TestTokens.userToken("other-" + author);

        write(HttpMethod.PUT, "/api/v1/authors/{id}/followers/me", author, follower).expectStatus().isNoContent();
        write(HttpMethod.DELETE, "/api/v1/authors/{id}/followers/me", author, other).expectStatus().isNoContent();
        http.get().uri("/api/v1/authors/{id}", author).exchange()
                .expectBody().jsonPath("$.counts.followers").isEqualTo(1);

        write(HttpMethod.DELETE, "/api/v1/authors/{id}/followers/me", author, follower).expectStatus().isNoContent();
        http.get().uri("/api/v1/authors/{id}", author).exchange()
                .expectBody().jsonPath("$.counts.followers").isEqualTo(0);
    }

    private String importedAuthor() {
        String author = uniqueId("a_");
        String workId = uniqueId("w_");
        TestEvents.publish(Topics.WORK_IMPORTED, workId, work(workId, 1, 2024, "Owned", List.of(author)));
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get().uri("/api/v1/authors/{id}", author).exchange()
                .returnResult(String.class).getStatus().is2xxSuccessful());
        return author;
    }

    private WebTestClient.ResponseSpec editDescription(String author, String token) {
        return http.patch().uri("/api/v1/authors/{id}", author).header("Authorization", "Bearer " + token)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue("{\"description\": \"Edited by its owner.\"}").exchange();
    }

    private WebTestClient.ResponseSpec write(HttpMethod method, String uri, String author, String token) {
        return http.method(method).uri(uri, author).header("Authorization", "Bearer " + token).exchange();
    }
}
