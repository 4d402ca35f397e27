package org.bzpeer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With a separate management port ({@code management.server.port}), operators scrape metrics there without a token,
 * the application's port serves no actuator endpoint, and nothing else is opened.
 */
@ServiceTest
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest {

    @Autowired
    WebTestClient http;

    @Autowired
    Environment environment;

    @Test
    void metricsAreOpenOnTheManagementPortOnly() {
        WebTestClient management = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.management.port")).build();

        String metrics = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        management.get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.expiredToken("scraper", ""))
                .exchange().expectStatus().isUnauthorized();

        http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.opsToken())
                .exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/works").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
    }
}
