package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.bzpeer.ingest.work.api.MalformedCorpus.Entry;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.HeapWatch;
import org.bzpeer.testkit.RecordedTopic;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Issue 6, bad input, on the real service, broker and database: more than 10,000 malformed records of every kind
 * mixed with good ones ({@link MalformedCorpus}), posted as NDJSON in several requests (one gzip-encoded) and as JSON
 * arrays, bodies streamed from the generator. No answer is a 5xx; every bad record is rejected with its position,
 * field and reason as the generator predicted; every good record is accepted and published; the heap stays bounded.
 * Then the two ways a body ends badly: a JSON array broken mid-way, and bodies over the size limit (413).
 */
@ServiceTest
class MalformedCorpusTest {

    private static final MediaType NDJSON = MediaType.parseMediaType(WorkImportController.NDJSON);
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @RegisterExtension
    final RecordedTopic published = new RecordedTopic(Topics.WORK_IMPORTED.name());

    /** One request of the corpus: its records, how they are sent, and the bytes that went out. */
    record Request(String name, List<Entry> entries, boolean ndjson, boolean gzip) {

        long bad() {
            return entries.stream().filter(entry -> !entry.good()).count();
        }

        long good() {
            return entries.size() - bad();
        }
    }

    @Test
    void everyMalformedRecordIsRejectedWithPositionFieldAndReasonAndEveryGoodOneIsKept() {
        MalformedCorpus corpus = new MalformedCorpus(UUID.randomUUID().toString().substring(0, 8), 6L);
        List<Entry> deepOrWide = new ArrayList<>(corpus.deepOrWide());
        deepOrWide.addAll(corpus.deepOrWide());
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Entry> entries = new ArrayList<>(corpus.mixed(1_600, false));
            entries.add(100, deepOrWide.remove(0));
            entries.add(1_200, i % 2 == 0 ? corpus.oversized() : corpus.manyAuthorships());
            requests.add(new Request("ndjson-" + i, entries, true, false));
        }
        List<Entry> heavyArray = new ArrayList<>(corpus.mixed(1_000, true));
        List<Entry> hugeStrings = new ArrayList<>(corpus.hugeStrings());
        hugeStrings.addAll(corpus.hugeStrings());
        for (int i = 0; i < hugeStrings.size(); i++) {
            heavyArray.add(100 * (i + 1), hugeStrings.get(i));
        }
        heavyArray.add(900, corpus.oversized());
        requests.add(new Request("array-heavy", heavyArray, false, false));
        List<Entry> array = new ArrayList<>(corpus.mixed(1_000, true));
        deepOrWide.forEach(entry -> array.add(500, entry));
        requests.add(new Request("array", array, false, false));
        requests.add(new Request("ndjson-gzip", corpus.mixed(800, false), true, true));
        long badRecords = requests.stream().mapToLong(Request::bad).sum();
        long goodRecords = requests.stream().mapToLong(Request::good).sum();
        assertThat(badRecords).isGreaterThanOrEqualTo(10_000);

        AtomicLong bytesPosted = new AtomicLong();
        long largestBody = 0;
        List<String> mismatches = new ArrayList<>();
        long started = System.nanoTime();
        try (HeapWatch heap = HeapWatch.start()) {
            for (Request request : requests) {
                long before = bytesPosted.get();
                ImportSummary summary = post(request, bytesPosted, heap::collectNow);
                largestBody = Math.max(largestBody, bytesPosted.get() - before);
                assertThat(summary.received()).as(request.name()).isEqualTo(request.entries().size());
                assertThat(summary.created()).as(request.name()).isEqualTo(request.good());
                assertThat(summary.rejected()).as(request.name()).isEqualTo(request.bad());
                mismatches.addAll(mismatches(request, summary));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("bad input corpus: %d requests, %d records (%d malformed, %d good), %.0f MiB posted "
                            + "(largest body %.0f MiB), %.1f s, %.0f records/s; %s%n", requests.size(),
                    badRecords + goodRecords, badRecords, goodRecords, bytesPosted.get() / 1048576.0,
                    largestBody / 1048576.0, seconds, (badRecords + goodRecords) / seconds, heap.summary());
            assertThat(mismatches).as("records whose answer differs from the generator's prediction").isEmpty();
            long keptAlive = heap.keptAliveBytes();
            assertThat(keptAlive).as("heap kept alive, checked near the end of each request; largest body %d MiB",
                    largestBody >> 20).isLessThan(largestBody / 2);
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> worksOfRun(corpus).size() >= goodRecords);
        Map<String, WorkImported> works = worksOfRun(corpus);
        assertThat(works).hasSize((int) goodRecords);
        assertThat(requests.stream().flatMap(request -> request.entries().stream()).filter(Entry::good)
                .map(Entry::doi)).allMatch(works::containsKey);
        List<WorkImported> truncated = works.values().stream().filter(WorkImported::getAuthorshipsTruncated).toList();
        assertThat(truncated).hasSize(2).allSatisfy(work -> {
            assertThat(work.getListedAuthorshipCount()).isEqualTo(MalformedCorpus.MANY_AUTHORSHIPS);
            assertThat(work.getAuthorships()).hasSize(10_000);
            assertThat(work.getAuthorships().get(9_999).getDisplayName()).isEqualTo("Collaborator 9999");
        });
        System.out.printf("a work.imported event of 10,000 kept authorships (names only): %d bytes%n",
                published.records().stream().filter(record -> record.key().equals(truncated.get(0).getWorkId()))
                        .mapToInt(record -> record.value().length).max().orElseThrow());
        assertThat(works.values()).filteredOn(work -> work.getTitle().startsWith("Bell")).isNotEmpty()
                .allSatisfy(work -> assertThat(work.getTitle()).matches("Bell and escape characters \\d+"));
    }

    @Test
    void aJsonArrayBrokenMidwayKeepsTheRecordsBeforeTheBreakAndSaysWhereItBroke() {
        MalformedCorpus corpus = new MalformedCorpus(UUID.randomUUID().toString().substring(0, 8), 7L);
        List<Entry> before = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            before.add(corpus.good());
        }
        List<Entry> after = List.of(corpus.good(), corpus.good());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("[".getBytes(StandardCharsets.UTF_8));
        before.forEach(entry -> body.writeBytes(withSeparator(entry.bytes(), ",")));
        body.writeBytes("{\"title\": [\"a\"}, ".getBytes(StandardCharsets.UTF_8));
        after.forEach(entry -> body.writeBytes(withSeparator(entry.bytes(), ",")));
        body.writeBytes("{}]".getBytes(StandardCharsets.UTF_8));

        ImportSummary summary = http.mutate().responseTimeout(Duration.ofMinutes(2)).build()
                .post().uri("/api/v1/works")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.toByteArray())
                .exchange()
                .expectStatus().isOk()
                .expectBody(ImportSummary.class).returnResult().getResponseBody();

        assertThat(summary.received()).isEqualTo(101);
        assertThat(summary.created()).isEqualTo(100);
        assertThat(summary.errors()).singleElement().satisfies(error -> {
            assertThat(error.record()).isEqualTo(100);
            assertThat(error.field()).isEqualTo("$");
            assertThat(error.reason()).startsWith("the JSON array is broken here: '}' closes an array (byte ")
                    .endsWith("; this record and the rest of the body were not read");
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> worksOfRun(corpus).size() >= 100);
        assertThat(worksOfRun(corpus).keySet()).containsExactlyInAnyOrderElementsOf(
                before.stream().map(Entry::doi).toList());
    }

    @Test
    void aGzipBodyThatInflatesPastTheLimitIsAnswered413AfterTheRecordsBeforeTheLimit() throws IOException {
        MalformedCorpus corpus = new MalformedCorpus(UUID.randomUUID().toString().substring(0, 8), 8L);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            for (int i = 0; i < 10; i++) {
                gzip.write(withSeparator(corpus.good().bytes(), "\n"));
            }
            byte[] spaces = " ".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 300; i++) {
                gzip.write(spaces);
            }
        }
        assertThat(compressed.size()).isLessThan(1024 * 1024);

        JsonNode problem = http.mutate().responseTimeout(Duration.ofMinutes(2)).build()
                .post().uri("/api/v1/works")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .contentType(NDJSON)
                .bodyValue(compressed.toByteArray())
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(problem.get("type").stringValue()).isEqualTo("https://bzpeer.org/problems/body-too-large");
        assertThat(problem.get("detail").stringValue()).contains("268435456 bytes (256 MiB)");
        assertThat(problem.get("received").intValue()).isEqualTo(10);
        assertThat(problem.get("created").intValue()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(60)).until(() -> worksOfRun(corpus).size() == 10);
    }

    @Test
    void anUnknownEncodingOrABodyThatIsNotTheGzipItClaimsIsAProblemNamingTheHeader() {
        String record = WorkSubmissionTest.work("10.1234/" + UUID.randomUUID(), "T", null, "A");
        http.post().uri("/api/v1/works")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .header(HttpHeaders.CONTENT_ENCODING, "br")
                .contentType(NDJSON)
                .bodyValue(record)
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.field").isEqualTo("Content-Encoding");
        http.post().uri("/api/v1/works")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .contentType(NDJSON)
                .bodyValue(record)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.field").isEqualTo("Content-Encoding")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("not gzip data"));
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsAnswered413BeforeItIsRead() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/works HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TestTokens.pipelineToken() + "\r\n"
                    + "Content-Type: application/x-ndjson\r\nContent-Length: " + (300L << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readHead(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json");
        }
    }

    /**
     * Posts {@code request} with a plain {@link WebClient}, which, unlike {@code WebTestClient}, keeps no copy of
     * the request body: the heap then shows what the service keeps.
     */
    private ImportSummary post(Request request, AtomicLong bytesPosted, Runnable nearTheEnd) {
        WebClient.RequestBodySpec spec = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build()
                .post().uri("/api/v1/works")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken())
                .contentType(request.ndjson() ? NDJSON : MediaType.APPLICATION_JSON);
        WebClient.RequestHeadersSpec<?> withBody;
        if (request.gzip()) {
            byte[] body = gzip(request);
            bytesPosted.addAndGet(body.length);
            withBody = spec.header(HttpHeaders.CONTENT_ENCODING, "gzip").bodyValue(body);
        } else {
            withBody = spec.body(BodyInserters.fromDataBuffers(stream(request, bytesPosted, nearTheEnd)));
        }
        return withBody.exchangeToMono(response -> response.statusCode().value() == 200
                        ? response.bodyToMono(ImportSummary.class)
                        : response.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                            throw new AssertionError(request.name() + " answered " + response.statusCode() + ": "
                                    + body);
                        }))
                .block(Duration.ofMinutes(5));
    }

    /**
     * The body of {@code request}, each record written only when the client sends it; {@code nearTheEnd} runs before
     * the fifth record from the end, when all the heavy records were sent.
     */
    private static Flux<DataBuffer> stream(Request request, AtomicLong bytesPosted, Runnable nearTheEnd) {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        int last = request.entries().size() - 1;
        Flux<byte[]> records = Flux.range(0, request.entries().size())
                .doOnNext(i -> {
                    if (i == last - 4) {
                        nearTheEnd.run();
                    }
                })
                .concatMap(i -> Flux.fromIterable(
                request.entries().get(i).chunks().get()).concatWithValues(
                (request.ndjson() ? "\n" : i == last ? "" : ",").getBytes(StandardCharsets.UTF_8)));
        Flux<byte[]> body = request.ndjson()
                ? Flux.just(BYTE_ORDER_MARK).concatWith(records)
                : Flux.just("[".getBytes(StandardCharsets.UTF_8)).concatWith(records)
                        .concatWith(Flux.just("]".getBytes(StandardCharsets.UTF_8)));
        return body.map(bytes -> {
            bytesPosted.addAndGet(bytes.length);
            return buffers.wrap(bytes);
        });
    }

    private static byte[] gzip(Request request) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(BYTE_ORDER_MARK);
            for (Entry entry : request.entries()) {
                gzip.write(withSeparator(entry.bytes(), "\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    private static byte[] withSeparator(byte[] record, String separator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(record.length + 1);
        out.writeBytes(record);
        out.writeBytes(separator.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Every bad record whose error is not the predicted one, and every good record that got an error. */
    private static List<String> mismatches(Request request, ImportSummary summary) {
        Map<Integer, ImportSummary.RecordError> errors = summary.errors().stream()
                .collect(Collectors.toMap(ImportSummary.RecordError::record, Function.identity()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < request.entries().size(); i++) {
            Entry entry = request.entries().get(i);
            ImportSummary.RecordError error = errors.get(i);
            if (entry.good() ? error != null : error == null || !entry.matches(error.field(), error.reason())) {
                out.add(request.name() + " record " + i + " (" + entry.kind() + "): predicted "
                        + (entry.good() ? "accepted" : entry.field() + " / " + entry.reason()) + ", got "
                        + (error == null ? "accepted" : error.field() + " / " + error.reason()));
            }
        }
        return out;
    }

    private Map<String, WorkImported> worksOfRun(MalformedCorpus corpus) {
        return published.events(WorkImported.class).stream()
                .filter(work -> work.getIdentifiers().getDoi() != null
                        && work.getIdentifiers().getDoi().startsWith(corpus.doiPrefix()))
                .collect(Collectors.toMap(work -> work.getIdentifiers().getDoi(), Function.identity(),
                        (first, second) -> second));
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
