package org.bzpeer.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code deploy/import}: sends files, folders and snapshot archives through ingest-service as one import, each file or
 * archive entry a part ({@code POST /api/v1/imports/{id}/parts}), with a progress bar (records/s, created, updated,
 * unchanged, rejected, and the ETA from the bytes read of the known input size) and a summary at the end naming the
 * import's report. A part the service could not take (unreachable, 503) is sent again after a pause; importing the
 * same records twice is harmless (unchanged). Exit status 0 when every part was imported (rejected records included,
 * listed in the report), 1 when a part failed for good, 2 for a usage error.
 */
public final class BulkImport {

    static final String USAGE = """
            usage: deploy/import [options] FILE|DIR...
              Imports JSON, JSON Lines (.jsonl, .ndjson) and XML files, gzip-compressed or not, folders of them, and
              .tar / .tar.gz archives of them, through ingest-service, as one import with a report.
            options:
              --url URL        ingest-service (default http://127.0.0.1:8081, or $BZPEER_INGEST_URL)
              --token TOKEN    a token with scope works:write (default $BZPEER_PIPELINE_TOKEN, else the one
                               deploy/local/run wrote to .local-data/dev-tokens.env)
              --format NAME    the source format of every file (bzpeer, openalex, crossref, arxiv-kaggle, arxiv-atom,
                               arxiv-oai, dblp, orcid); default: recognised from each file's first bytes
              --name TEXT      a label for the import's report (default: the inputs' names)
              --parallel N     parts sent at once, 1-16 (default 2); archive entries are then held in memory one
                               each
              --quiet          no progress bar, only the summary
            """;

    private static final int MAX_ATTEMPTS = 5;
    private static final int MAX_BUFFERED_ENTRY = 256 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportOptions options;
    private final HttpClient http;
    private final PrintStream out;

    BulkImport(ImportOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) {
        ImportOptions options;
        try {
            options = ImportOptions.parse(args, System.getenv(),
                    Path.of(System.getenv().getOrDefault("BZPEER_DEV_TOKENS", ".local-data/dev-tokens.env")));
        } catch (IllegalArgumentException e) {
            System.err.println("import: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        try {
            Result result = new BulkImport(options, System.out).run();
            System.exit(result.failedParts() == 0 ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.err.println("import: " + e.getMessage());
            System.exit(1);
        }
    }

    /** How an import went: its id, its final report, and how many parts failed for good. */
    record Result(String importId, JsonNode report, int failedParts) {
    }

    /** Runs the import, printing progress and the summary. */
    Result run() throws IOException {
        ImportInputs inputs = ImportInputs.of(options.paths());
        long totalBytes = inputs.totalBytes();
        String importId = open(inputs, totalBytes);
        ImportProgress progress = new ImportProgress(out, totalBytes, options.quiet(),
                () -> report(importId));
        AtomicInteger failed = new AtomicInteger();
        progress.start();
        ExecutorService senders = Executors.newFixedThreadPool(options.parallel());
        Semaphore slots = new Semaphore(options.parallel());
        List<Future<?>> sent = new ArrayList<>();
        try {
            for (ImportInputs.Part part : inputs) {
                slots.acquireUninterruptibly();
                ImportInputs.Part ready = options.parallel() > 1 && part.again() == null
                        ? part.buffered(MAX_BUFFERED_ENTRY) : part;
                progress.sending(ready.name());
                sent.add(senders.submit(() -> {
                    try {
                        if (!sendWithRetries(importId, ready, progress)) {
                            failed.incrementAndGet();
                        }
                    } finally {
                        slots.release();
                    }
                }));
                if (options.parallel() == 1) {
                    await(sent.get(sent.size() - 1));
                }
            }
            sent.forEach(BulkImport::await);
        } finally {
            senders.shutdown();
        }
        JsonNode report = finish(importId);
        progress.stop(report);
        progress.summary(report, failed.get());
        return new Result(importId, report, failed.get());
    }

    private String open(ImportInputs inputs, long totalBytes) {
        ObjectNode request = JSON.createObjectNode();
        request.put("name", options.name() != null ? options.name()
                : String.join(", ", options.paths().stream().map(Path::toString).toList()));
        request.put("expectedBytes", totalBytes);
        JsonNode opened = call(HttpRequest.newBuilder(uri("/api/v1/imports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())), 201);
        out.printf("import %s: %d file(s), %s%n", opened.path("id").asText(), inputs.files().size(),
                ImportProgress.bytes(totalBytes));
        return opened.path("id").asText();
    }

    private JsonNode report(String importId) {
        return call(HttpRequest.newBuilder(uri("/api/v1/imports/" + importId)).GET(), 200);
    }

    private JsonNode finish(String importId) {
        return call(HttpRequest.newBuilder(uri("/api/v1/imports/" + importId + "/finish"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
    }

    /** Sends one part, again after a pause when the service could not take it; false when it never did. */
    private boolean sendWithRetries(String importId, ImportInputs.Part part, ImportProgress progress) {
        InputStream body = part.body();
        for (int attempt = 1; ; attempt++) {
            String outcome;
            try {
                PartContent content = PartContent.of(body, part.gzip(), part.contentName());
                String format = options.format() != null ? options.format() : content.format();
                HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/imports/" + importId
                                + "/parts?name=" + encode(part.name()) + "&format=" + encode(format)))
                        .header("Content-Type", content.contentType())
                        .POST(HttpRequest.BodyPublishers.ofInputStream(content::stream));
                if (part.gzip()) {
                    request.header("Content-Encoding", "gzip");
                }
                HttpResponse<String> response = http.send(authorized(request).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 422) {
                    return true;
                }
                outcome = response.statusCode() + " " + problemDetail(response.body());
                if (response.statusCode() < 500) {
                    progress.failed(part.name(), outcome);
                    return false;
                }
            } catch (IOException e) {
                outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt == MAX_ATTEMPTS || part.again() == null) {
                progress.failed(part.name(), outcome + (part.again() == null
                        ? " (an archive entry streamed once is not sent again; use --parallel 2 or more)"
                        : " (" + attempt + " attempts)"));
                return false;
            }
            progress.note(part.name() + ": " + outcome + "; sending it again");
            pause(attempt);
            try {
                body = part.again().open();
            } catch (IOException e) {
                progress.failed(part.name(), "cannot be read again: " + e.getMessage());
                return false;
            }
        }
    }

    private JsonNode call(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(authorized(request).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
                        + problemDetail(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("ingest-service at " + options.url() + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + options.token()).timeout(Duration.ofHours(6));
    }

    private URI uri(String path) {
        return URI.create(options.url() + path);
    }

    private static String problemDetail(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("title").asText("") + ": " + problem.path("detail").asText(body);
        } catch (IOException e) {
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(30_000L, 1_000L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
