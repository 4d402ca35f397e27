package org.bzpeer.profile.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The reference researcher pages: static HTML whose ES modules call the public APIs. {@code /} is the search page,
 * {@code /authors/{id}} a researcher's page and {@code /authors/{id}/explorer} the full graph explorer (the id is read
 * by the page's script, so every author shares one document); {@code /config.json} tells the scripts where
 * graph-service is. The scripts and styles themselves are plain static resources under {@code /assets/}. None of these
 * paths overlaps the JSON API under {@code /api/v1}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class ResearcherPageRoutes {

    private static final Resource SEARCH_PAGE = new ClassPathResource("static/index.html");
    private static final Resource AUTHOR_PAGE = new ClassPathResource("static/author.html");
    private static final Resource EXPLORER_PAGE = new ClassPathResource("static/explorer.html");

    @Bean
    RouterFunction<ServerResponse> researcherPageRouter(WebProperties web) {
        Map<String, String> config = Map.of("graphBaseUrl", web.graphBaseUrlWithoutSlash());
        return route(GET("/"), request -> html(SEARCH_PAGE))
                .andRoute(GET("/authors/{id}"), request -> html(AUTHOR_PAGE))
                .andRoute(GET("/authors/{id}/explorer"), request -> html(EXPLORER_PAGE))
                .andRoute(GET("/config.json"), request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(config));
    }

    /** Pages are revalidated on every visit, so a deployment's new scripts are picked up at once. */
    private static Mono<ServerResponse> html(Resource page) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache())
                .bodyValue(page);
    }
}
