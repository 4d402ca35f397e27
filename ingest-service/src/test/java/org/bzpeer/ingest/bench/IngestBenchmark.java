package org.bzpeer.ingest.bench;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.bzpeer.ingest.work.format.OpenAlexWorkFormat;
import org.bzpeer.schemas.Topics;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestTokens;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark of ingest-service on real infrastructure (run with {@code deploy/bench/run}, never in the test suite).
 * Throughput of importing the real OpenAlex sample through HTTP, the database and Kafka, as a ratio to parsing the
 * same records alone (the floor any import pays), measured in the same run; latency percentiles of single-work
 * submissions as a ratio to a liveness probe on the same HTTP stack; heap and RSS after the run.
 */
@Tag("benchmark")
@ServiceTest
class IngestBenchmark {

    private static final int ROUNDS = 5;
    private static final int LATENCY_SAMPLES = 300;

    @Autowired
    WebTestClient http;

    @Autowired
    OpenAlexWorkFormat openAlex;

    @Autowired
    JsonMapper json;

    @Test
    void measure() throws IOException {
        List<byte[]> records = new ArrayList<>();
        SharedData.forEachLine(SharedData.require("openalex/kfupm/works.jsonl.gz"),
                (line, number) -> records.add(line));
        byte[] ndjson = joinLines(records);
        WebTestClient slowClient = http.mutate().responseTimeout(Duration.ofMinutes(5)).build();
        StringBuilder report = new StringBuilder();
        line(report, "ingest-service benchmark: %d real OpenAlex works (%.1f MB NDJSON), %d rounds, %d cores",
                records.size(), ndjson.length / 1e6, ROUNDS, Runtime.getRuntime().availableProcessors());

        double rawJson = best(() -> {
            records.forEach(json::readTree);
            return records.size();
        });
        line(report, "baseline   Jackson alone, readTree of the same lines: %,.0f works/s", rawJson);
        double parseOnly = best(() -> {
            records.forEach(record -> openAlex.parse(json.readTree(record)));
            return records.size();
        });
        line(report, "baseline   parse only (format + normalise, no HTTP/DB/Kafka): %,.0f works/s (%.2fx of Jackson "
                + "alone)", parseOnly, parseOnly / rawJson);

        double firstImport = 0;
        double reimport = 0;
        try (TopicRecorder published = TestEvents.record(Topics.WORK_IMPORTED.name())) {
            long start = System.nanoTime();
            post(slowClient, ndjson);
            double accepted = seconds(start);
            await().atMost(Duration.ofMinutes(5)).until(() -> published.records().size() >= records.size());
            double visible = seconds(start);
            firstImport = records.size() / visible;
            line(report, "import     new works, POST -> all committed: %.2f s; -> all on work.imported: %.2f s "
                    + "= %,.0f works/s (%.2fx of parse only)", accepted, visible, firstImport, firstImport / parseOnly);
            reimport = best(() -> {
                post(slowClient, ndjson);
                return records.size();
            });
            line(report, "re-import  unchanged works (de-duplication path): %,.0f works/s (%.2fx of parse only)",
                    reimport, reimport / parseOnly);
        }

        long[] probe = latencies(() -> http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk());
        long[] submit = latencies(() -> http.post().uri("/api/v1/works")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"identifiers\": {\"doi\": \"10.9999/" + UUID.randomUUID() + "\"}, \"type\": \"article\", "
                        + "\"title\": \"Latency probe\", \"authorships\": [{\"name\": \"Bench Mark\"}]}")
                .exchange().expectStatus().isOk());
        line(report, "baseline   liveness probe latency: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms",
                ms(probe, 50), ms(probe, 95), ms(probe, 99));
        line(report, "latency    one new work per request:   p50 %.2f ms, p95 %.2f ms, p99 %.2f ms "
                + "(p50 %.1fx, p99 %.1fx of the probe)", ms(submit, 50), ms(submit, 95), ms(submit, 99),
                ms(submit, 50) / ms(probe, 50), ms(submit, 99) / ms(probe, 99));

        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        line(report, "memory     heap used after GC %.0f MiB of %.0f MiB committed; process RSS %s (test JVM: service "
                + "+ broker + PostgreSQL client)", heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, rss());

        Path out = Path.of("target", "benchmark", "ingest.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.print(report);
    }

    private void post(WebTestClient client, byte[] ndjson) {
        client.post().uri("/api/v1/works?format=openalex")
                .header("Authorization", "Bearer " + TestTokens.pipelineToken())
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(ndjson)
                .exchange()
                .expectStatus().isOk();
    }

    /** Best of {@link #ROUNDS} runs of {@code work}, in items per second. */
    private static double best(java.util.concurrent.Callable<Integer> work) {
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            int items;
            try {
                items = work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            best = Math.max(best, items / seconds(start));
        }
        return best;
    }

    private static long[] latencies(Runnable request) {
        for (int i = 0; i < 50; i++) {
            request.run();
        }
        long[] samples = new long[LATENCY_SAMPLES];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            request.run();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples;
    }

    private static double ms(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[index] / 1e6;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static byte[] joinLines(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String rss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring(6).trim())
                .findFirst().orElse("unknown");
    }

    private static void line(StringBuilder report, String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
