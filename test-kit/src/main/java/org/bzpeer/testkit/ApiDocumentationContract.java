package org.bzpeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * What every service's API document ({@code /v3/api-docs}) must hold, checked on the running service: an example of
 * every JSON body under {@code /api/v1} (the success response of each operation and its request body; a response
 * without a body, such as a 204, needs none), examples that fit their schemas (every property of an example object is
 * one of its schema's unless the schema allows others, every required one is there, values have the schema's type,
 * recursively, {@code $ref}s followed; a success response's example shows every property, so a field added to a
 * response record without its example fails), problem examples whose {@code type} is documented with their status,
 * and every problem type of the catalogue in {@code info.x-problem-types}. A service's test extends this and is
 * annotated {@link ServiceTest}.
 */
public abstract class ApiDocumentationContract {

    private static final String API = "/api/v1/";
    private static final String SCHEMAS = "#/components/schemas/";

    @Autowired
    protected WebTestClient http;

    /** The type URI of every problem the service may answer with: service-kit's {@code ProblemTypes.uris()}. */
    protected abstract Collection<String> problemTypes();

    /** The service's API document. */
    protected JsonNode apiDocument() {
        return http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void everyJsonBodyOfTheApiHasAnExample() {
        JsonNode document = apiDocument();
        List<String> missing = new ArrayList<>();
        forEachOperation(document, (operation, node) -> {
            jsonMediaTypes(node.path("requestBody")).forEach((mediaType, content) -> {
                if (content.path("examples").isEmpty()) {
                    missing.add(operation + " request body " + mediaType);
                }
            });
            for (Map.Entry<String, JsonNode> response : node.path("responses").properties()) {
                if (response.getKey().startsWith("2")) {
                    jsonMediaTypes(response.getValue()).forEach((mediaType, content) -> {
                        if (content.path("examples").isEmpty()) {
                            missing.add(operation + " response " + response.getKey() + " " + mediaType);
                        }
                    });
                }
            }
        });
        assertThat(missing).as("JSON bodies without an example (api-examples.json of the service or the kit)")
                .isEmpty();
    }

    @Test
    void everyExampleFitsItsSchema() {
        JsonNode document = apiDocument();
        List<String> misfits = new ArrayList<>();
        forEachOperation(document, (operation, node) -> {
            checkExamples(document, operation + " request body", node.path("requestBody"), false, misfits);
            for (Map.Entry<String, JsonNode> response : node.path("responses").properties()) {
                checkExamples(document, operation + " response " + response.getKey(), response.getValue(),
                        response.getKey().startsWith("2"), misfits);
            }
        });
        assertThat(misfits).as("examples that do not fit the schema of their body").isEmpty();
    }

    @Test
    void everyProblemTypeIsDocumentedAndEveryProblemExampleHasADocumentedType() {
        JsonNode document = apiDocument();
        JsonNode documented = document.path("info").path("x-problem-types");
        assertThat(documented.propertyNames()).as("info.x-problem-types").containsAll(problemTypes());
        List<String> wrong = new ArrayList<>();
        forEachOperation(document, (operation, node) -> {
            for (Map.Entry<String, JsonNode> response : node.path("responses").properties()) {
                for (JsonNode content : response.getValue().path("content")) {
                    for (JsonNode example : content.path("examples")) {
                        JsonNode type = documented.path(example.path("value").path("type").asString(""));
                        if (!response.getKey().startsWith("2")
                                && !String.valueOf(type.path("status").asInt()).equals(response.getKey())) {
                            wrong.add(operation + " " + response.getKey() + ": " + example.path("value"));
                        }
                    }
                }
            }
        });
        assertThat(wrong).as("problem examples whose type is not documented with their status").isEmpty();
    }

    /** Calls {@code check} with "METHOD /path" and the operation of every operation under /api/v1. */
    private static void forEachOperation(JsonNode document, BiConsumer<String, JsonNode> check) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().startsWith(API)) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    check.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
    }

    /** The JSON media types of a request body or response, by name. */
    private static Map<String, JsonNode> jsonMediaTypes(JsonNode body) {
        Map<String, JsonNode> json = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> mediaType : body.path("content").properties()) {
            String name = mediaType.getKey();
            if (name.equals("application/json") || name.equals("*/*") || name.endsWith("+json")) {
                json.put(name, mediaType.getValue());
            }
        }
        return json;
    }

    /** Checks the examples of a body; {@code complete}: they must show every property of their schema. */
    private static void checkExamples(JsonNode document, String where, JsonNode body, boolean complete,
            List<String> misfits) {
        for (Map.Entry<String, JsonNode> mediaType : body.path("content").properties()) {
            JsonNode schema = mediaType.getValue().path("schema");
            for (Map.Entry<String, JsonNode> example : mediaType.getValue().path("examples").properties()) {
                String at = where + " " + mediaType.getKey() + " example '" + example.getKey() + "'";
                fits(document, at, example.getValue().path("value"), schema, complete, misfits);
            }
        }
    }

    /**
     * Adds to {@code misfits} every way {@code value} (at {@code at}) does not fit {@code schema}; {@code complete}:
     * every object must hold every property of its schema, as a response does (null where it has no value).
     */
    private static void fits(JsonNode document, String at, JsonNode value, JsonNode schema, boolean complete,
            List<String> misfits) {
        JsonNode resolved = resolve(document, schema);
        if (value.isMissingNode()) {
            misfits.add(at + ": no value");
            return;
        }
        if (value.isNull() || resolved.isMissingNode()) {
            return;
        }
        JsonNode type = resolved.path("type");
        List<JsonNode> types = type.isArray() ? type.valueStream().toList() : List.of(type);
        if (!type.isMissingNode() && types.stream().noneMatch(one -> isOfType(value, one.asString()))) {
            misfits.add(at + ": " + value + " is not of type " + type);
            return;
        }
        if (value.isArray() && resolved.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                fits(document, at + "[" + i + "]", value.get(i), resolved.path("items"), complete, misfits);
            }
        }
        if (value.isObject() && resolved.has("properties")) {
            JsonNode properties = resolved.path("properties");
            boolean open = resolved.path("additionalProperties").asBoolean(false);
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                if (!properties.has(property.getKey()) && !open) {
                    misfits.add(at + ": property '" + property.getKey() + "' is not in the schema "
                            + properties.propertyNames());
                } else if (properties.has(property.getKey())) {
                    fits(document, at + "." + property.getKey(), property.getValue(),
                            properties.path(property.getKey()), complete, misfits);
                }
            }
            for (JsonNode required : resolved.path("required")) {
                if (!value.has(required.asString())) {
                    misfits.add(at + ": required property '" + required.asString() + "' is missing");
                }
            }
            if (complete) {
                properties.propertyNames().stream().filter(name -> !value.has(name)).forEach(name ->
                        misfits.add(at + ": property '" + name + "' is missing; a response shows every one"));
            }
        }
        if (value.isObject() && resolved.path("additionalProperties").isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                fits(document, at + "." + entry.getKey(), entry.getValue(), resolved.path("additionalProperties"),
                        complete, misfits);
            }
        }
    }

    private static boolean isOfType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    /** The schema itself, or the component schema its {@code $ref} names. */
    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith(SCHEMAS)
                ? document.path("components").path("schemas").path(ref.substring(SCHEMAS.length())) : schema;
    }
}
