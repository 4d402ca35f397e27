package org.bzpeer.profile.author.api;

import java.util.Map;

import org.bzpeer.kit.web.Problems;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * What the API document says about merged authors ({@link MergedAuthorRedirects}): every read under
 * {@code /api/v1/authors/{id}} may answer 308 with {@code Location}, every change the 409 problem
 * {@code author-merged}, with an example.
 */
@Configuration(proxyBeanMethods = false)
class MergedAuthorDocumentation {

    private static final String AUTHOR_PATHS = "/api/v1/authors/{id}";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String EXAMPLE_NAME = "author-merged";

    @Bean
    OpenApiCustomizer mergedAuthorResponses() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.equals(AUTHOR_PATHS) && !path.startsWith(AUTHOR_PATHS + "/")) {
                    return;
                }
                item.readOperationsMap().forEach((method, operation) -> {
                    if (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD) {
                        operation.getResponses().putIfAbsent("308", new ApiResponse()
                                .description("The author was merged into another: the same request under the "
                                        + "surviving author's id (not for the owner of a claim the merge left on it)")
                                .addHeaderObject("Location", new Header().schema(new StringSchema()
                                        .example("/api/v1/authors/a_5t0k3s7xq2m9w1r"))));
                    } else {
                        addMergedProblem(operation.getResponses().computeIfAbsent("409",
                                status -> new ApiResponse().description("A conflict, as problem details")));
                    }
                });
            });
        };
    }

    private static void addMergedProblem(ApiResponse response) {
        if (response.getContent() == null) {
            response.setContent(new Content());
        }
        MediaType problem = response.getContent().computeIfAbsent(PROBLEM_JSON,
                type -> new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
        problem.addExamples(EXAMPLE_NAME, new Example().value(Map.of(
                "type", Problems.TYPE_BASE + "author-merged",
                "title", "Author merged",
                "status", 409,
                "detail", "Author 'a_8c2f0e7d19ab4c55' was merged into author 'a_5t0k3s7xq2m9w1r': send the request "
                        + "for 'a_5t0k3s7xq2m9w1r' instead",
                "mergedInto", "a_5t0k3s7xq2m9w1r")));
    }
}
