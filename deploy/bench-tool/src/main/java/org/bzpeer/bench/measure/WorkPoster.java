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
import java.util.List;
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
 * <p>A request that fails (no answer, or a status other than 200 and 422) fails the import.
 */
public final class WorkPoster {

    /** Our own format's name for {@code ?format=}. */
    public static final String BZPEER = "bzpeer";
    /** OpenAlex Work objects. */
    public static final String OPENALEX = "openalex";

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
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int[] inChunk = {0};
        try {
            source.accept(record -> {
                chunk.writeBytes(record);
                chunk.write('\n');
                if (++inChunk[0] == chunkSize) {
                    answers.add(submit(senders, waiting, format, chunk.toByteArray()));
                    chunk.reset();
                    inChunk[0] = 0;
                }
            });
            if (inChunk[0] > 0) {
                answers.add(submit(senders, waiting, format, chunk.toByteArray()));
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
        return send("application/json", BZPEER, work);
    }

    private Future<ImportCounts> submit(ExecutorService senders, Semaphore waiting, String format, byte[] body) {
        try {
            waiting.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting", e);
        }
        return senders.submit(() -> {
            try {
                return send("application/x-ndjson", format, body);
            } finally {
                waiting.release();
            }
        });
    }

    private ImportCounts send(String contentType, String format, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(works + "?format=" + format))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 && response.statusCode() != 422) {
            throw new IOException("POST " + request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode answer = JSON.readTree(response.body());
        return ImportCounts.of(answer);
    }
}
