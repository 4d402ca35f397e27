package org.bzpeer.profile.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * What the researcher pages served by profile-service need to know about the other public APIs they call from the
 * browser.
 *
 * @param graphBaseUrl public base URL of graph-service (e.g. {@code http://localhost:8082}), which must allow this
 *                     service's origin through CORS; empty (the default) means the same origin, as behind a gateway
 *                     that routes {@code /api/v1/graph} and the graph endpoints of {@code /api/v1/authors} to it
 */
@Validated
@ConfigurationProperties("bzpeer.web")
public record WebProperties(
        @DefaultValue("") @Pattern(regexp = "|https?://[^\\s/]+(/[^\\s]*)?",
                message = "must be empty or an http(s) URL") String graphBaseUrl) {

    /** The base URL without a trailing slash, so the page appends {@code /api/v1/...} to it. */
    public String graphBaseUrlWithoutSlash() {
        return graphBaseUrl.endsWith("/") ? graphBaseUrl.substring(0, graphBaseUrl.length() - 1) : graphBaseUrl;
    }
}
