package org.bzpeer.kit.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/**
 * What every service's API document ({@code /v3/api-docs}) says about errors: the RFC 9457 {@code Problem} schema,
 * the catalogue of problem types ({@code info.x-problem-types}), a {@code default} problem response on every
 * operation, and 401/403 on every write and every admin operation. A Jackson {@code JsonNode} is documented as a JSON
 * object.
 */
@AutoConfiguration
public class ApiDocumentation {

    static final String PROBLEM_JSON = "application/problem+json";

    static {
        // Jackson's tree is JSON of any shape, not a bean with the properties isArray, isNull, ...
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
    }

    @Bean
    OpenApiCustomizer problemDocumentation() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas("Problem", problemSchema());
            Map<String, Object> types = new LinkedHashMap<>();
            ProblemTypes.ALL.forEach(type -> types.put(type.uri(),
                    Map.of("status", type.status(), "title", type.title(), "when", type.when())));
            openApi.getInfo().addExtension("x-problem-types", types);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((name, path) -> path.readOperationsMap().forEach((method, operation) -> {
                operation.getResponses().putIfAbsent("default", problem("An error, as problem details"));
                if (name.startsWith("/api/v1/admin/")
                        || method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
                    operation.getResponses().putIfAbsent("401", problem("No valid bearer token"));
                    operation.getResponses().putIfAbsent("403", problem("The token does not grant this"));
                }
            }));
        };
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; `type` is one of info.x-problem-types; some types carry "
                        + "further members (e.g. `errors`)")
                .required(List.of("type", "title", "status"))
                .additionalProperties(true)
                .addProperty("type", new StringSchema().example(Problems.TYPE_BASE + "invalid-request"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("limit: must be between 1 and 100"))
                .addProperty("instance", new StringSchema())
                .addProperty("field", new StringSchema().description("The field at fault, when one is")
                        .example("limit"));
    }
}
