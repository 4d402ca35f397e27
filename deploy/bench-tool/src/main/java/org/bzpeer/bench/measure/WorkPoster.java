package org.bzpeer.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Posts works to ingest's {@code POST /api/v1/works} as a pipeline does: NDJSON ({@code application/x-ndjson}) in
 * chunks, over several connections at once, with the pipeline token. Records come from a source that pushes them
 * one at a time, so a corpus is streamed, never held; at most two chunks per connection wait to be sent.
 *
 * <p>Records that ingest rejects because they conflicted with a concurrent import of the same work or author are
 * submitted again, as its answer asks; a request answered with a server error (5xx) is sent again whole, which its
 * README says is harmless (batches committed before the failure come back unchanged). Each at most
 * {@value #MAX_SUBMISSIONS} times in all; both are counted in the result. A request that still fails, or that fails
 * otherwise (no answer, a status other than 200, 422 and 5xx), fails the import.
 */
public final class WorkPoster {

    /** Our own format's name for {@code ?format=}. */
    public static final String BZPEER = "bzpeer";
    /** OpenAlex Work objects. */
    public static final String OPENALEX = "openalex";

    /** The reason ingest gives for a record that lost a race with a concurrent import and may be sent again. */
    static final String CONFLICT_REASON = "conflicts with a concurrent import";
    private static final int MAX_SUBMISSIONS = 5;
    private static final long SERVER_ERROR_PAUSE_MILLIS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(15);

    private final HttpClient http;
    private final URI works;
    private final String token;

    public WorkPoster(HttpClient http, URI ingest, String token) {
        this.http = http;
        this.works = ingest.resolve("/api/v1/works");
        this.token = token;
    }

    /** Posts every record {@code source} pushes, {@code chunkSize} per request on {@code connections} connections. */
    public ImportCounts post(String format, Consumer<Consumer<byte[]>> source, int chunkSize, int connections)
            throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        Semaphore waiting = new Semaphore(2 * connections);
        List<Future<ImportCounts>> answers = new ArrayList<>();
        List<byte[]> chunk = new ArrayList<>(chunkSize);
        try {
            source.accept(record -> {
                chunk.add(record);
                if (chunk.size() == chunkSize) {
                    answers.add(submit(senders, waiting, format, List.copyOf(chunk)));
                    chunk.clear();
                }
            });
            if (!chunk.isEmpty()) {
                answers.add(submit(senders, waiting, format, List.copyOf(chunk)));
            }
            ImportCounts total = ImportCounts.none();
            for (Future<ImportCounts> answer : answers) {
                total = total.plus(answer.get());
            }
            return total;
        } catch (ExecutionException e) {
            throw new IllegalStateException("posting works failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            senders.shutdownNow();
        }
    }

    /** Posts one work as a JSON object; the answer's counts. */
    public ImportCounts postOne(byte[] work) throws IOException, InterruptedException {
        return ImportCounts.of(send("application/json", BZPEER, work), Set.of());
    }

    private Future<ImportCounts> submit(ExecutorService senders, Semaphore waiting, String format,
            List<byte[]> records) {
        try {
            waiting.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting", e);
        }
        return senders.submit(() -> {
            try {
                return sendChunk(format, records);
            } finally {
                waiting.release();
            }
        });
    }

    /** Sends the records as NDJSON, and again those that conflicted with a concurrent import or met a 5xx. */
    private ImportCounts sendChunk(String format, List<byte[]> records) throws IOException, InterruptedException {
        ImportCounts total = ImportCounts.none();
        List<byte[]> pending = records;
        for (int submission = 1; ; submission++) {
            JsonNode answer;
            try {
                answer = send("application/x-ndjson", format, ndjson(pending));
            } catch (ServerErrorException e) {
                if (submission == MAX_SUBMISSIONS) {
                    throw e;
                }
                total = total.plus(ImportCounts.serverError(e.getMessage()));
                Thread.sleep(SERVER_ERROR_PAUSE_MILLIS);
                continue;
            }
            Set<Integer> conflicted = submission < MAX_SUBMISSIONS ? conflictedRecords(answer) : Set.of();
            total = total.plus(ImportCounts.of(answer, conflicted));
            if (conflicted.isEmpty()) {
                return total;
            }
            List<byte[]> current = pending;
            pending = conflicted.stream().sorted().map(current::get).toList();
        }
    }

    private static Set<Integer> conflictedRecords(JsonNode answer) {
        Set<Integer> conflicted = new HashSet<>();
        for (JsonNode error : answer.path("errors")) {
            if (error.path("reason").asText().startsWith(CONFLICT_REASON)) {
                conflicted.add(error.path("record").asInt());
            }
        }
        return conflicted;
    }

    private static byte[] ndjson(List<byte[]> records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] record : records) {
            body.writeBytes(record);
            body.write('\n');
        }
        return body.toByteArray();
    }

    private JsonNode send(String contentType, String format, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(works + "?format=" + format))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 200 || response.statusCode() == 422) {
            return JSON.readTree(response.body());
        }
        String failure = "POST " + request.uri() + " answered " + response.statusCode() + ": "
                + new String(response.body(), StandardCharsets.UTF_8);
        throw response.statusCode() >= 500 ? new ServerErrorException(failure) : new IOException(failure);
    }

    /** A request answered with a 5xx status. */
    private static final class ServerErrorException extends IOException {
        ServerErrorException(String message) {
            super(message);
        }
    }
}
