package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Every import, HTTP or bulk, has an id and a report at {@code /api/v1/imports/{id}}: counts, parts, and each
 * rejected record with its part, position, field and reason; the report shows progress while a body is read.
 */
@ServiceTest
class ImportReportTest {

    private static final MediaType NDJSON = MediaType.parseMediaType(WorkImportController.NDJSON);

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @Test
    void aSubmissionIsAnImportOfOnePartWhoseReportKeepsEveryRejectedRecord() {
        String body = String.join("\n", work("Kept one"),
                "{\"title\": \"no type\", \"authorships\": [{\"name\": \"X\"}]}", "{broken", work("Kept two"));

        DocumentContext summary = JsonPath.parse(http.post().uri("/api/v1/works")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .contentType(NDJSON).bodyValue(body)
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        String importId = summary.read("$.importId");
        assertThat(summary.<String>read("$.report")).isEqualTo("/api/v1/imports/" + importId);

        DocumentContext report = report(importId);
        assertThat(report.<String>read("$.state")).isEqualTo("finished");
        assertThat(report.<String>read("$.submittedBy")).isEqualTo("test-pipeline");
        assertThat(report.<Map<String, Object>>read("$.counts")).containsEntry("received", 4)
                .containsEntry("created", 2).containsEntry("rejected", 2);
        assertThat(report.<List<Object>>read("$.parts")).hasSize(1);
        assertThat(report.<String>read("$.parts[0].state")).isEqualTo("done");
        assertThat(report.<Integer>read("$.parts[0].bytesRead"))
                .isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(report.<List<Integer>>read("$.rejections.items[*].record")).containsExactly(1, 2);
        assertThat(report.<List<String>>read("$.rejections.items[*].field")).containsExactly("type", "$");
        assertThat(report.<String>read("$.rejections.items[0].reason")).isNotBlank();
    }

    @Test
    void aBulkImportTakesPartsUntilFinishedAndPagesItsRejections() throws IOException {
        DocumentContext opened = JsonPath.parse(http.post().uri("/api/v1/imports")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"snapshot 2026-11\", \"expectedBytes\": 12345}")
                .exchange().expectStatus().isCreated()
                .expectHeader().value(HttpHeaders.LOCATION,
                        location -> assertThat(location).startsWith("/api/v1/imports/"))
                .expectBody(String.class).returnResult().getResponseBody());
        String importId = opened.read("$.id");
        assertThat(opened.<String>read("$.state")).isEqualTo("open");

        String first = IntStream.range(0, 5).mapToObj(i -> i == 3 ? "{\"type\": 7}" : work("Part one " + i))
                .collect(Collectors.joining("\n"));
        postPart(importId, "page-1.jsonl", first, false).expectStatus().isOk()
                .expectBody().jsonPath("$.part").isEqualTo(0).jsonPath("$.rejected").isEqualTo(1);
        String second = "[" + work("Part two a") + ", {\"type\": \"article\"}, {\"type\": \"article\"}]";
        postPart(importId, "page-2.json.gz", second, true).expectStatus().isOk()
                .expectBody().jsonPath("$.part").isEqualTo(1).jsonPath("$.created").isEqualTo(1);

        DocumentContext running = report(importId);
        assertThat(running.<String>read("$.state")).isEqualTo("open");
        assertThat(running.<String>read("$.name")).isEqualTo("snapshot 2026-11");
        assertThat(running.<Integer>read("$.expectedBytes")).isEqualTo(12345);
        assertThat(running.<Map<String, Object>>read("$.counts")).containsEntry("received", 8)
                .containsEntry("created", 5).containsEntry("rejected", 3);
        assertThat(running.<List<String>>read("$.parts[*].name")).containsExactly("page-1.jsonl", "page-2.json.gz");
        assertThat(running.<List<Integer>>read("$.parts[*].bytesRead")).as("bytes as sent, before gzip decoding")
                .containsExactly(first.getBytes(StandardCharsets.UTF_8).length, gzip(second).length);

        String page1 = rejections(importId, "limit=2").read("$.nextCursor");
        DocumentContext firstPage = rejections(importId, "limit=2");
        assertThat(firstPage.<List<Integer>>read("$.items[*].part")).containsExactly(0, 1);
        assertThat(firstPage.<List<Integer>>read("$.items[*].record")).containsExactly(3, 1);
        DocumentContext secondPage = rejections(importId, "limit=2&cursor=" + page1);
        assertThat(secondPage.<List<Integer>>read("$.items[*].record")).containsExactly(2);
        assertThat(secondPage.<Object>read("$.nextCursor")).isNull();

        http.post().uri("/api/v1/imports/{id}/finish", importId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("finished");
        postPart(importId, "late.jsonl", work("Too late"), false).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/import-finished");
        assertThat(report(importId).<Map<String, Object>>read("$.counts")).containsEntry("received", 8);
    }

    @Test
    void anUnknownImportIsNotFoundAndAMalformedCursorIsAProblem() {
        String unknown = UUID.randomUUID().toString();
        http.get().uri("/api/v1/imports/{id}", unknown)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/not-found");
        postPart(unknown, "x.jsonl", work("Nowhere"), false).expectStatus().isNotFound();
        String importId = JsonPath.parse(http.post().uri("/api/v1/imports")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).read("$.id");
        http.get().uri("/api/v1/imports/{id}/rejections?cursor=not-ours", importId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.opsToken())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("cursor");
    }

    @Test
    void reportsAreReadWithTheScopeOfPipelinesOrOperatorsOnly() {
        String importId = JsonPath.parse(http.post().uri("/api/v1/imports")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).read("$.id");
        http.get().uri("/api/v1/imports/{id}", importId).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/imports/{id}", importId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.userToken("reader"))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/imports/{id}", importId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.opsToken())
                .exchange().expectStatus().isOk();
    }

    /** The report of a body still arriving already counts the batches imported so far. */
    @Test
    void theReportShowsProgressWhileTheBodyIsStillArriving() {
        Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
        String importId = JsonPath.parse(http.post().uri("/api/v1/imports")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).read("$.id");
        Mono<String> response = WebClient.create("http://127.0.0.1:" + port).post()
                .uri("/api/v1/imports/{id}/parts?name=slow.jsonl", importId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .contentType(NDJSON)
                .body(BodyInserters.fromDataBuffers(body.asFlux()))
                .retrieve().bodyToMono(String.class)
                .cache();
        response.subscribe();

        String firstRecords = IntStream.range(0, 1_200).mapToObj(i -> work("Streamed " + i) + "\n")
                .collect(Collectors.joining());
        body.tryEmitNext(DefaultDataBufferFactory.sharedInstance.wrap(firstRecords.getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            DocumentContext report = report(importId);
            assertThat(report.<String>read("$.state")).isEqualTo("reading");
            assertThat(report.<String>read("$.parts[0].state")).isEqualTo("reading");
            assertThat(report.<Integer>read("$.counts.received")).isGreaterThanOrEqualTo(500);
        });
        assertThat(report(importId).<Integer>read("$.counts.received")).isLessThan(1_201);

        body.tryEmitNext(DefaultDataBufferFactory.sharedInstance.wrap(
                (work("Streamed last") + "\n").getBytes(StandardCharsets.UTF_8)));
        body.tryEmitComplete();
        assertThat(JsonPath.parse(response.block(Duration.ofSeconds(60))).<Integer>read("$.received"))
                .isEqualTo(1_201);
        DocumentContext done = report(importId);
        assertThat(done.<String>read("$.parts[0].state")).isEqualTo("done");
        assertThat(done.<Integer>read("$.counts.received")).isEqualTo(1_201);
    }

    private DocumentContext report(String importId) {
        return JsonPath.parse(http.get().uri("/api/v1/imports/{id}", importId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private DocumentContext rejections(String importId, String query) {
        return JsonPath.parse(http.get().uri("/api/v1/imports/" + importId + "/rejections?" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private WebTestClient.ResponseSpec postPart(String importId, String name, String body, boolean gzip) {
        WebTestClient.RequestBodySpec request = http.post()
                .uri("/api/v1/imports/{id}/parts?name={name}", importId, name)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .contentType(name.contains(".jsonl") ? NDJSON : MediaType.APPLICATION_JSON);
        return gzip ? request.header(HttpHeaders.CONTENT_ENCODING, "gzip").bodyValue(gzip(body)).exchange()
                : request.bodyValue(body).exchange();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static String work(String title) {
        return """
                {"type": "article", "title": "%s", "publicationYear": 2026,
                 "identifiers": {"doi": "10.1234/%s"}, "authorships": [{"name": "Imp Orter"}]}"""
                .formatted(title, UUID.randomUUID()).replace("\n", "");
    }
}
