package org.bzpeer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * The whole system as a client sees it: works posted to ingest-service appear, through Kafka only, in the profile,
 * collaborator and trust APIs of the other three services, each running as its own process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeSystemIT {

    private static final Path REPOSITORY = SharedData.repositoryRoot();
    private static final Duration EVENTUALLY = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private ServiceProcesses services;

    @BeforeAll
    void startServices() {
        services = new ServiceProcesses(REPOSITORY);
        services.startAll(Duration.ofSeconds(240));
    }

    @AfterAll
    void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theDemoResearcherPageIsServedFromTheFixture() throws Exception {
        String fixture = Files.readString(REPOSITORY.resolve("deploy/local/demo/carole-jean-wu.works.json"));

        DocumentContext summary = submit(fixture, "application/json", "bzpeer");
        assertThat(summary.<Integer>read("$.received")).isEqualTo(26);
        assertThat(summary.<Integer>read("$.rejected")).isZero();

        DocumentContext profile = awaitJson(services.baseUrl("profile")
                + "/api/v1/authors/by-external-id/bzpeer-demo/carole-jean-wu",
                page -> page.<Integer>read("$.counts.works") == 26 && page.read("$.trust") != null);
        String authorId = profile.read("$.id");
        assertThat(profile.<String>read("$.name")).isEqualTo("Carole-Jean Wu");
        assertThat(profile.<Object>read("$.affiliation")).isNull();
        assertThat(profile.<Boolean>read("$.claimed")).isFalse();
        assertThat(profile.<String>read("$.trust.verificationLevel")).isEqualTo("L1");

        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            DocumentContext page = getJson(services.baseUrl("profile") + "/api/v1/authors/" + authorId
                    + "/works?limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
            titles.addAll(page.read("$.items[*].title"));
            cursor = page.read("$.nextCursor");
        } while (cursor != null);
        List<String> pageOrder = JsonPath.parse(fixture).read("$[*].title");
        assertThat(titles).as("newest first, then by title, as the researcher page lists them")
                .containsExactlyElementsOf(pageOrder);

        DocumentContext trust = getJson(services.baseUrl("trust") + "/api/v1/authors/" + authorId + "/trust");
        assertThat(trust.<String>read("$.verificationLevel")).isEqualTo("L1");
        assertThat(trust.<List<Object>>read("$.components")).isNotEmpty();
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(
                getJson(services.baseUrl("profile") + "/api/v1/authors/" + authorId).<String>read("$.trust.label"))
                .isEqualTo(getJson(services.baseUrl("trust") + "/api/v1/authors/" + authorId + "/trust")
                        .<String>read("$.label")));
        assertThat(getJson(services.baseUrl("graph") + "/api/v1/authors/" + authorId + "/collaborators")
                .<Integer>read("$.total")).isZero();

        DocumentContext again = submit(fixture, "application/json", "bzpeer");
        assertThat(again.<Integer>read("$.unchanged")).isEqualTo(26);
        assertThat(getJson(services.baseUrl("profile") + "/api/v1/authors/" + authorId)
                .<Integer>read("$.counts.works")).isEqualTo(26);
    }

    @Test
    void coauthoredWorksMakeCloseCollaboratorsEverywhere() throws Exception {
        String run = UUID.randomUUID().toString();
        String ndjson = String.join("\n",
                work("10.7777/" + run + "-1", "Joint work one", run),
                work("10.7777/" + run + "-2", "Joint work two", run));

        DocumentContext summary = submit(ndjson, "application/x-ndjson", "bzpeer");
        assertThat(summary.<Integer>read("$.created")).isEqualTo(2);

        DocumentContext first = awaitJson(services.baseUrl("profile") + "/api/v1/authors/by-external-id/e2e/"
                + run + "-first", page -> page.<Integer>read("$.counts.works") == 2
                && page.<Integer>read("$.counts.closeCollaborators") == 1);
        String firstId = first.read("$.id");
        DocumentContext collaborators = awaitJson(services.baseUrl("graph") + "/api/v1/authors/" + firstId
                + "/collaborators", page -> page.<Integer>read("$.total") == 1);
        assertThat(collaborators.<String>read("$.items[0].author.name")).isEqualTo("Second Author");
        assertThat(collaborators.<Integer>read("$.items[0].sharedWorks")).isEqualTo(2);
        assertThat(collaborators.<Boolean>read("$.items[0].close")).isTrue();
    }

    @Test
    void aClaimAndAFollowOnTheProfileReachTheTrustAssessment() throws Exception {
        String run = UUID.randomUUID().toString();
        submit(work("10.7777/" + run + "-solo", "Solo work", run), "application/json", "bzpeer");
        String authorId = awaitJson(services.baseUrl("profile") + "/api/v1/authors/by-external-id/e2e/" + run
                + "-first", page -> page.read("$.trust") != null).read("$.id");

        String user = TestTokens.userToken("researcher-" + run);
        assertThat(write("PUT", services.baseUrl("profile") + "/api/v1/authors/" + authorId + "/followers/me",
                TestTokens.userToken("reader-" + run))).isEqualTo(204);
        assertThat(write("POST", services.baseUrl("profile") + "/api/v1/authors/" + authorId + "/claim", user))
                .isEqualTo(201);

        DocumentContext trust = awaitJson(services.baseUrl("trust") + "/api/v1/authors/" + authorId + "/trust",
                page -> page.<Boolean>read("$.claimed") && page.<Integer>read("$.followers") == 1);
        assertThat(trust.<String>read("$.verificationLevel")).isEqualTo("L2");
        awaitJson(services.baseUrl("profile") + "/api/v1/authors/" + authorId,
                page -> page.<Boolean>read("$.claimed") && page.<Integer>read("$.counts.followers") == 1
                        && "L2".equals(page.read("$.trust.verificationLevel")));
    }

    @Test
    void everyServiceDescribesItsApiAndReportsHealthAndMetrics() throws Exception {
        for (String service : ServiceProcesses.SERVICES) {
            assertThat(getJson(services.baseUrl(service) + "/v3/api-docs").<String>read("$.openapi"))
                    .as(service).startsWith("3.");
            assertThat(getJson(services.baseUrl(service) + "/actuator/health/liveness").<String>read("$.status"))
                    .as(service).isEqualTo("UP");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create(services.baseUrl(service) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).as(service).contains("bzpeer_outbox_backlog");
        }
    }

    private int write(String method, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theOpenAlexSampleBuildsTheFocalAuthorsProfile() throws Exception {
        Path sample = SharedData.require("openalex/kfupm/works.jsonl.gz");

        HttpResponse<String> response;
        try (InputStream works = new GZIPInputStream(Files.newInputStream(sample))) {
            response = http.send(HttpRequest.newBuilder(URI.create(services.baseUrl("ingest")
                            + "/api/v1/works?format=openalex"))
                    .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                    .header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> works))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        DocumentContext summary = JsonPath.parse(response.body());
        assertThat(summary.<Integer>read("$.received")).isEqualTo(3684);
        assertThat(summary.<Integer>read("$.rejected")).isZero();

        DocumentContext profile = awaitJson(services.baseUrl("profile")
                + "/api/v1/authors/by-external-id/openalex/A5000180362",
                page -> page.<Integer>read("$.counts.works") == 14);
        assertThat(profile.<String>read("$.orcid")).isEqualTo("0000-0001-7056-6323");
        String authorId = profile.read("$.id");
        awaitJson(services.baseUrl("graph") + "/api/v1/authors/" + authorId + "/collaborators",
                page -> page.<Integer>read("$.total") == 37);
    }

    private static String work(String doi, String title, String run) {
        return "{\"identifiers\": {\"doi\": \"" + doi + "\"}, \"type\": \"article\", \"publicationYear\": 2025, "
                + "\"title\": \"" + title + "\", \"authorships\": ["
                + "{\"name\": \"First Author\", \"ids\": {\"e2e\": \"" + run + "-first\"}},"
                + "{\"name\": \"Second Author\", \"ids\": {\"e2e\": \"" + run + "-second\"}}]}";
    }

    private DocumentContext submit(String body, String contentType, String format) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(services.baseUrl("ingest") + "/api/v1/works?format=" + format))
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    private DocumentContext getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    private DocumentContext awaitJson(String url, java.util.function.Predicate<DocumentContext> condition) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JsonPath.parse(response.body()) : null;
        }, page -> page != null && condition.test(page));
    }
}
