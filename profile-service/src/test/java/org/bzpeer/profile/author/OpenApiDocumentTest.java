package org.bzpeer.profile.author;

import java.util.Collection;

import org.bzpeer.kit.web.ProblemTypes;
import org.bzpeer.testkit.ApiDocumentationContract;
import org.bzpeer.testkit.ServiceTest;
import org.junit.jupiter.api.Test;

/**
 * The open API describes itself: gateways can generate clients from /v3/api-docs, with an example of every body
 * (see {@link ApiDocumentationContract}).
 */
@ServiceTest
class OpenApiDocumentTest extends ApiDocumentationContract {

    @Override
    protected Collection<String> problemTypes() {
        return ProblemTypes.uris();
    }

    @Test
    void theApiDocumentListsTheProfileEndpoints() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/authors/{id}'].get").exists()
                .jsonPath("$.paths['/api/v1/authors/{id}/works'].get").exists()
                .jsonPath("$.paths['/api/v1/authors/{id}/claim'].post").exists()
                .jsonPath("$.paths['/api/v1/authors/{id}/claim'].delete").exists()
                .jsonPath("$.paths['/api/v1/admin/authors/{id}/claim/revoke'].post").exists()
                .jsonPath("$.paths['/api/v1/me/following'].get").exists()
                .jsonPath("$.paths['/api/v1/authors/{id}/collaboration-requests'].post").exists()
                .jsonPath("$.paths['/api/v1/me/collaboration-requests'].get").exists()
                .jsonPath("$.paths['/api/v1/me/collaboration-requests/{requestId}/accept'].post").exists()
                .jsonPath("$.paths['/api/v1/authors/{id}'].patch.responses['403']").exists()
                .jsonPath("$.paths['/api/v1/authors/{id}/works'].get.responses.default.content['application/problem+json']")
                .exists()
                .jsonPath("$.components.schemas.Problem.properties.field").exists()
                .jsonPath("$.info['x-problem-types']['https://bzpeer.org/problems/not-the-owner'].status")
                .isEqualTo(403)
                .jsonPath("$.paths['/api/v1/authors/{id}'].get.responses['200'].content['application/json']"
                        + ".examples.example.value.name").isEqualTo("Carole-Jean Wu")
                .jsonPath("$.paths['/api/v1/authors/{id}'].patch.requestBody.content['application/merge-patch+json']"
                        + ".schema['$ref']").isEqualTo("#/components/schemas/AuthorEdit")
                .jsonPath("$.paths['/api/v1/authors/{id}/claim'].post.responses['201']").exists()
                .jsonPath("$.paths['/api/v1/authors/{id}/followers/me'].put.responses['204']").exists()
                .jsonPath("$.paths['/api/v1/authors/{id}/followers/me'].put.responses['200']").doesNotExist()
                .jsonPath("$.paths['/api/v1/authors/{id}/collaboration-requests'].post.responses['201']"
                        + ".content['application/json'].examples.example.value.status").isEqualTo("pending")
                .jsonPath("$.components.schemas.JsonNode").doesNotExist();
    }
}
