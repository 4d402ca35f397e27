package org.bzpeer.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/** How examples land on the operations of an API document, and that examples fitting no operation fail it. */
class ApiExamplesTest {

    @Test
    void examplesGoOnTheJsonBodiesOfTheirOperationAndProblemStatusesAreAdded() throws JsonProcessingException {
        OpenAPI api = document();
        ApiExamples.apply(examples("""
                {"POST /api/v1/imports/{id}/parts": {
                    "request": [{"title": "Papaya"}],
                    "responses": {
                        "200": {"received": 1},
                        "409": {"type": "https://bzpeer.org/problems/import-finished", "title": "Import finished",
                                "status": 409}}}}"""), api);

        Operation operation = api.getPaths().get("/api/v1/imports/{id}/parts").getPost();
        Content request = operation.getRequestBody().getContent();
        assertThat(request.get("application/json").getExamples().get("example").getValue())
                .hasToString("[{\"title\":\"Papaya\"}]");
        assertThat(request.get("application/x-ndjson").getExamples()).as("NDJSON is not a JSON example").isNull();
        assertThat(operation.getResponses().get("200").getContent().get("application/json").getExamples()
                .get("example").getValue()).hasToString("{\"received\":1}");
        ApiResponse finished = operation.getResponses().get("409");
        assertThat(finished.getDescription()).isEqualTo("Import finished");
        assertThat(finished.getContent().get("application/problem+json").getExamples()).containsKey("import-finished");
    }

    @Test
    void anExampleOfAnOperationTheServiceDoesNotHaveFailsTheDocument() {
        assertThatThrownBy(() -> ApiExamples.apply(examples("""
                {"GET /api/v1/imports/{id}/parts": {"responses": {"200": {}}}}"""), document()))
                .hasMessageContaining("GET /api/v1/imports/{id}/parts");
    }

    @Test
    void examplesThatDoNotFitTheOperationFailTheDocument() {
        assertThatThrownBy(() -> ApiExamples.apply(examples("""
                {"POST /api/v1/imports/{id}/parts": {"responses": {"201": {"received": 1}}}}"""), document()))
                .hasMessageContaining("documents no such response");
        assertThatThrownBy(() -> ApiExamples.apply(examples("""
                {"POST /api/v1/imports/{id}/parts": {"responses": {"404": {"type":
                    "https://bzpeer.org/problems/import-finished", "title": "Import finished", "status": 409}}}}"""),
                document())).hasMessageContaining("is a 409 problem, not 404");
        assertThatThrownBy(() -> ApiExamples.apply(examples("""
                {"POST /api/v1/imports/{id}/parts": {"responses": {"400": {"type":
                    "https://bzpeer.org/problems/no-such-type", "status": 400}}}}"""), document()))
                .hasMessageContaining("not 'https://bzpeer.org/problems/no-such-type'");
        assertThatThrownBy(() -> ApiExamples.apply(examples("""
                {"POST /api/v1/imports/{id}/parts": {"reply": {}}}"""), document()))
                .hasMessageContaining("[reply]");
    }

    @Test
    void theKitsOwnExamplesAreOnTheClasspath() {
        assertThat(ApiExamples.load(ApiExamples.RESOURCE))
                .containsKeys("GET /api/v1/admin/dead-letters", "DELETE /api/v1/admin/outbox/parked/{id}");
    }

    private static Map<String, JsonNode> examples(String json) throws JsonProcessingException {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        Json.mapper().readTree(json).properties().forEach(entry -> examples.put(entry.getKey(), entry.getValue()));
        return examples;
    }

    /** One operation taking JSON or NDJSON and answering JSON. */
    private static OpenAPI document() {
        Operation parts = new Operation()
                .requestBody(new RequestBody().content(new Content()
                        .addMediaType("application/json", new MediaType())
                        .addMediaType("application/x-ndjson", new MediaType())))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")
                        .content(new Content().addMediaType("application/json", new MediaType()))));
        return new OpenAPI().paths(new Paths().addPathItem("/api/v1/imports/{id}/parts", new PathItem().post(parts)));
    }
}
