package org.bzpeer.kit.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Puts the examples of every {@value #RESOURCE} on the classpath (the kit's for its admin endpoints, each service's
 * for its own) into the API document. A file maps {@code "METHOD /path"}, as the document names the operation, to
 * {@code {"request": <body>, "responses": {"<status>": <body>, ...}}}. An example becomes the named example
 * {@value #EXAMPLE_NAME} (a problem's: its type's slug) of every JSON media type of the request body or response. A
 * problem status the operation does not document yet is added as a problem details response. Examples are part of the
 * contract, so anything that does not fit fails building the document: a key naming no operation, the same key twice,
 * a request example for an operation without body, an example for a success status the operation does not answer
 * with or answers without a body.
 */
@AutoConfiguration
public class ApiExamples {

    /** The name of the example files, at the classpath root. */
    public static final String RESOURCE = "api-examples.json";
    static final String EXAMPLE_NAME = "example";

    @Bean
    OpenApiCustomizer exampleDocumentation() {
        Map<String, JsonNode> examples = load(RESOURCE);
        return openApi -> apply(examples, openApi);
    }

    /** Every example of the files named {@code resource}, by operation key; a key in two files is an error. */
    static Map<String, JsonNode> load(String resource) {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:" + resource)) {
                try (InputStream in = file.getInputStream()) {
                    JsonNode content = Json.mapper().readTree(in);
                    if (content == null || !content.isObject()) {
                        throw new IllegalStateException(file + " must hold a JSON object of operation examples");
                    }
                    content.properties().forEach(entry -> {
                        if (examples.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                            throw new IllegalStateException("Examples of '" + entry.getKey() + "' are given twice; "
                                    + "the second is in " + file);
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return examples;
    }

    /** Puts {@code examples} on the operations of {@code openApi}; fails on an example that fits no operation. */
    static void apply(Map<String, JsonNode> examples, OpenAPI openApi) {
        Map<String, Operation> operations = operations(openApi);
        List<String> unknown = examples.keySet().stream().filter(key -> !operations.containsKey(key)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("API examples of operations the service does not have: " + unknown
                    + "; it has " + operations.keySet());
        }
        examples.forEach((key, example) -> applyTo(key, operations.get(key), example));
    }

    private static Map<String, Operation> operations(OpenAPI openApi) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    operations.put(key(method, path), operation)));
        }
        return operations;
    }

    private static String key(PathItem.HttpMethod method, String path) {
        return method.name().toUpperCase(Locale.ROOT) + " " + path;
    }

    private static void applyTo(String key, Operation operation, JsonNode examples) {
        List<String> fields = new ArrayList<>();
        examples.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(List.of("request", "responses"));
        if (!fields.isEmpty()) {
            throw new IllegalStateException(key + ": examples hold only request and responses, not " + fields);
        }
        JsonNode request = examples.get("request");
        if (request != null) {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                throw new IllegalStateException(key + ": a request example, but the operation takes no body");
            }
            addExample(operation.getRequestBody().getContent(), EXAMPLE_NAME, request);
        }
        JsonNode responses = examples.get("responses");
        if (responses != null) {
            responses.properties().forEach(entry -> applyToResponse(key, operation, entry.getKey(), entry.getValue()));
        }
    }

    private static void applyToResponse(String key, Operation operation, String status, JsonNode example) {
        ProblemTypes.ProblemType problemType = status.startsWith("2") ? null : problemType(key, status, example);
        ApiResponse response = operation.getResponses().get(status);
        if (response == null && problemType != null) {
            response = ApiDocumentation.problem(problemType.title());
            operation.getResponses().addApiResponse(status, response);
        }
        if (response == null || response.getContent() == null || response.getContent().isEmpty()) {
            throw new IllegalStateException(key + ": an example for status " + status + ", but the operation "
                    + (response == null ? "documents no such response; it has " + operation.getResponses().keySet()
                            : "answers it without a body"));
        }
        addExample(response.getContent(), problemType == null ? EXAMPLE_NAME : problemType.slug(), example);
    }

    /** The problem type of a problem example, which must be one of the catalogue's with this status. */
    private static ProblemTypes.ProblemType problemType(String key, String status, JsonNode example) {
        String uri = example.path("type").asText();
        ProblemTypes.ProblemType type = ProblemTypes.ALL.stream().filter(known -> known.uri().equals(uri))
                .findFirst().orElseThrow(() -> new IllegalStateException(key + ": the " + status + " example must "
                        + "be problem details whose type is in ProblemTypes, not '" + uri + "'"));
        if (!String.valueOf(type.status()).equals(status)) {
            throw new IllegalStateException(key + ": " + uri + " is a " + type.status() + " problem, not " + status);
        }
        return type;
    }

    /** Adds the example to every JSON media type of {@code content} (not to NDJSON, say, which it would not be). */
    private static void addExample(Content content, String name, JsonNode value) {
        content.forEach((mediaType, body) -> {
            if (mediaType.equals("application/json") || mediaType.equals("*/*") || mediaType.endsWith("+json")) {
                body.addExamples(name, new Example().value(value));
            }
        });
    }
}
