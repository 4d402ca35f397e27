package org.bzpeer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;

import org.bzpeer.kit.web.ProblemTypes;
import org.bzpeer.testkit.ApiDocumentationContract;
import org.bzpeer.testkit.ServiceTest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The ingest-service API, documented with an example of every body (see {@link ApiDocumentationContract}), also of
 * the bodies of works its handlers read themselves.
 */
@ServiceTest
class ApiDocumentationTest extends ApiDocumentationContract {

    @Override
    protected Collection<String> problemTypes() {
        return ProblemTypes.uris();
    }

    @Test
    void importsAndSubmissionsOfWorksDocumentTheirBodiesAndStatuses() {
        JsonNode paths = apiDocument().path("paths");
        assertThat(paths.path("/api/v1/imports").path("post").path("responses").propertyNames())
                .as("an import is created").contains("201").doesNotContain("200");
        for (JsonNode submission : List.of(paths.path("/api/v1/works").path("post"),
                paths.path("/api/v1/imports/{importId}/parts").path("post"))) {
            assertThat(submission.path("requestBody").path("content").propertyNames())
                    .containsExactlyInAnyOrder("application/json", "application/x-ndjson", "application/jsonl",
                            "application/xml", "text/xml", "application/atom+xml");
            assertThat(submission.path("responses").path("200").path("content").path("application/json")
                    .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/ImportSummary");
        }
    }
}
