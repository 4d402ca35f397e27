package org.bzpeer.profile.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bzpeer.testkit.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The researcher pages are served to anonymous readers next to the JSON API without overlapping it: HTML at
 * {@code /}, {@code /authors/{id}} and {@code /authors/{id}/explorer}, every stylesheet and ES module they load
 * (followed through the modules' imports), and {@code /config.json} naming the configured graph-service.
 */
@ServiceTest
@TestPropertySource(properties = "bzpeer.web.graph-base-url=http://graph.example.org:8082/")
class ResearcherPagesTest {

    /** {@code src="/..."} and {@code href="/..."} in HTML, {@code from './x.js'} in modules. */
    private static final Pattern HTML_ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([^']+)'");

    @Autowired
    WebTestClient http;

    @Test
    void theSearchPageResearcherPageAndExplorerAreHtmlWithEveryAssetReachableAnonymously() {
        Set<String> assets = new LinkedHashSet<>();
        assets.addAll(assetsOf(html("/", "Find a researcher")));
        assets.addAll(assetsOf(html("/authors/a_some-author", "Trust snapshot")));
        assets.addAll(assetsOf(html("/authors/a_some-author/explorer", "Path between two researchers")));

        Set<String> reached = new LinkedHashSet<>();
        Deque<String> toFetch = new ArrayDeque<>(assets);
        while (!toFetch.isEmpty()) {
            String asset = toFetch.pop();
            if (!reached.add(asset)) {
                continue;
            }
            String body = http.get().uri(asset).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            Matcher imports = MODULE_IMPORT.matcher(body);
            while (imports.find()) {
                toFetch.add(asset.substring(0, asset.lastIndexOf('/') + 1) + imports.group(1));
            }
        }
        assertThat(reached).contains("/assets/bzpeer.css", "/assets/js/author-page.js", "/assets/js/explorer.js",
                "/assets/js/search.js", "/assets/js/graph-view.js", "/assets/js/session.js", "/assets/js/api.js");
    }

    @Test
    void theConfigurationNamesGraphServiceWithoutATrailingSlash() {
        http.get().uri("/config.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.graphBaseUrl").isEqualTo("http://graph.example.org:8082");
    }

    @Test
    void theJsonApiUnderTheSamePathsIsUntouched() {
        http.get().uri("/api/v1/authors/a_nobody-has-this-id").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private String html(String path, String expectedText) {
        String body = http.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).as(path).contains("<!doctype html>", expectedText);
        return body;
    }

    private static Set<String> assetsOf(String html) {
        Set<String> assets = new LinkedHashSet<>();
        Matcher matcher = HTML_ASSET.matcher(html);
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).as("assets of a page").isNotEmpty();
        return assets;
    }
}
