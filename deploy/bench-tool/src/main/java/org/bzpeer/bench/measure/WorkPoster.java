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
import java.util.function.Supplier;

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
 *
 * <p>A {@linkplain #patient patient} poster is the pipeline of the chaos run: it sends a request that got no answer
 * (connection refused or reset: ingest is down) or a 5xx again, after the answer's {@code Retry-After} or a second,
 * for as long as its patience lasts, since a pipeline retries whatever was not acknowledged. It reports each
 * acknowledged chunk.
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
    private final Supplier<URI> ingest;
    private final String token;
    private final Duration patience;
    private volatile Consumer<List<byte[]>> acknowledged = records -> { };

    public WorkPoster(HttpClient http, URI ingest, String token) {
        this(http, () -> ingest, token, Duration.ZERO);
    }

    private WorkPoster(HttpClient http, Supplier<URI> ingest, String token, Duration patience) {
        this.http = http;
        this.ingest = ingest;
        this.token = token;
        this.patience = patience;
    }

    /**
     * A poster that sends a request again after no answer or a 5xx for up to {@code patience}, each time to the
     * ingest instance {@code ingest} names then.
     */
    public static WorkPoster patient(HttpClient http, Supplier<URI> ingest, String token, Duration patience) {
        return new WorkPoster(http, ingest, token, patience);
    }

    /** Hands every acknowledged chunk's records (ingest answered 200 or 422 for them) to {@code listener}. */
    public void onAcknowledged(Consumer<List<byte[]>> listener) {
        this.acknowledged = listener;
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
                ImportCounts counts = sendChunk(format, records);
                acknowledged.accept(records);
                return counts;
            } finally {
                waiting.release();
            }
        });
    }

    /** Sends the records as NDJSON, and again those that conflicted with a concurrent import or met a 5xx. */
    private ImportCounts sendChunk(String format, List<byte[]> records) throws IOException, InterruptedException {
        ImportCounts total = ImportCounts.none();
        List<byte[]> pending = records;
        long patientUntil = System.nanoTime() + patience.toNanos();
        int failedAttempts = 0;
        for (int submission = 1; ; ) {
            JsonNode answer;
            try {
                answer = send("application/x-ndjson", format, ndjson(pending));
            } catch (ServerErrorException e) {
                if (++failedAttempts >= MAX_SUBMISSIONS && System.nanoTime() > patientUntil) {
                    throw e;
                }
                total = total.plus(ImportCounts.serverError(e.getMessage()));
                Thread.sleep(e.retryAfterMillis());
                continue;
            } catch (AnswerException e) {
                throw e;
            } catch (IOException e) {
                if (System.nanoTime() > patientUntil) {
                    throw e;
                }
                total = total.plus(ImportCounts.unanswered(e.toString()));
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
            submission++;
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
        URI works = ingest.get().resolve("/api/v1/works?format=" + format);
        HttpRequest request = HttpRequest.newBuilder(works)
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
        if (response.statusCode() >= 500) {
            long retryAfterSeconds = response.headers().firstValueAsLong("Retry-After").orElse(0);
            throw new ServerErrorException(failure, Math.max(SERVER_ERROR_PAUSE_MILLIS, retryAfterSeconds * 1000));
        }
        throw new AnswerException(failure);
    }

    /** A request answered with a 5xx status; to be sent again after {@code retryAfterMillis}. */
    private static final class ServerErrorException extends AnswerException {

        private final long retryAfterMillis;

        ServerErrorException(String message, long retryAfterMillis) {
            super(message);
            this.retryAfterMillis = retryAfterMillis;
        }

        long retryAfterMillis() {
            return retryAfterMillis;
        }
    }

    /** A request that was answered, with a status other than 200 or 422. */
    private static class AnswerException extends IOException {
        AnswerException(String message) {
            super(message);
        }
    }
}
