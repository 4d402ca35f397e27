package org.bzpeer.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The progress bar of a bulk import, redrawn every second from the import's report: records and what became of them,
 * and the bytes the service received against the bytes to send (percent done and ETA): on a terminal one line
 * rewritten in place, otherwise a line every ten seconds, so logs stay readable. Ends with a summary naming the
 * report.
 */
final class ImportProgress {

    private static final int BAR_WIDTH = 24;
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final PrintStream out;
    private final long totalBytes;
    private final boolean quiet;
    private final Supplier<JsonNode> report;
    private final boolean terminal = System.console() != null;
    private final long startNanos = System.nanoTime();
    private final List<String> failures = new ArrayList<>();
    private ScheduledExecutorService ticker;
    private volatile String current = "";
    private long lastLogged;

    ImportProgress(PrintStream out, long totalBytes, boolean quiet, Supplier<JsonNode> report) {
        this.out = out;
        this.totalBytes = totalBytes;
        this.quiet = quiet;
        this.report = report;
    }

    void start() {
        if (quiet) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** The part being sent now. */
    void sending(String part) {
        current = part;
    }

    /** A passing event worth a line of its own (a retry). */
    synchronized void note(String message) {
        clearLine();
        out.println("  " + message);
    }

    /** A part that failed for good. */
    synchronized void failed(String part, String why) {
        failures.add(part + ": " + why);
        note("FAILED " + part + ": " + why);
    }

    /** Stops redrawing, drawing the final state once. */
    synchronized void stop(JsonNode finalReport) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (!quiet) {
            clearLine();
            out.println(line(finalReport));
        }
    }

    /** The closing summary: counts, rate, time, the first rejections and failures, and where the report is. */
    void summary(JsonNode finalReport, int failedParts) {
        JsonNode counts = finalReport.path("counts");
        double seconds = elapsedSeconds();
        long received = counts.path("received").asLong();
        out.printf(Locale.ROOT, "imported %s records in %s (%s records/s) from %d part(s): created %s, updated %s, "
                        + "unchanged %s, rejected %s%n", number(received), duration(seconds),
                number(Math.round(received / Math.max(seconds, 0.001))), finalReport.path("parts").size()
                        + finalReport.path("partsOmitted").asInt(), number(counts.path("created").asLong()),
                number(counts.path("updated").asLong()), number(counts.path("unchanged").asLong()),
                number(counts.path("rejected").asLong()));
        JsonNode rejections = finalReport.path("rejections").path("items");
        for (int i = 0; i < Math.min(10, rejections.size()); i++) {
            JsonNode rejection = rejections.get(i);
            out.printf("  rejected: %s record %d, %s: %s%n", partName(finalReport, rejection.path("part").asInt()),
                    rejection.path("record").asLong(), rejection.path("field").asText(),
                    rejection.path("reason").asText());
        }
        if (counts.path("rejected").asLong() > Math.min(10, rejections.size())) {
            out.println("  ... every rejected record is listed at /api/v1/imports/" + finalReport.path("id").asText()
                    + "/rejections");
        }
        failures.forEach(failure -> out.println("  failed part: " + failure));
        out.printf("report: /api/v1/imports/%s%s%n", finalReport.path("id").asText(),
                failedParts == 0 ? "" : " (" + failedParts + " part(s) failed)");
    }

    private void tick() {
        JsonNode now;
        try {
            now = report.get();
        } catch (RuntimeException unreachable) {
            return;
        }
        synchronized (this) {
            if (terminal) {
                out.print("\r" + line(now) + "\u001B[K");
                out.flush();
            } else if (System.nanoTime() - lastLogged >= LOG_EVERY.toNanos()) {
                lastLogged = System.nanoTime();
                out.println(line(now));
            }
        }
    }

    /** One progress line from a report. */
    String line(JsonNode now) {
        JsonNode counts = now.path("counts");
        long received = counts.path("received").asLong();
        double seconds = elapsedSeconds();
        double done = totalBytes == 0 ? 1 : Math.min(1, (double) now.path("bytesRead").asLong() / totalBytes);
        int filled = (int) Math.round(done * BAR_WIDTH);
        String eta = done <= 0 || done >= 1 ? "" : " ETA " + duration(seconds / done - seconds);
        return String.format(Locale.ROOT, "[%s%s] %5.1f%% %s records %s/s  created %s updated %s unchanged %s "
                        + "rejected %s%s  %s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), done * 100,
                number(received), number(Math.round(received / Math.max(seconds, 0.001))),
                number(counts.path("created").asLong()), number(counts.path("updated").asLong()),
                number(counts.path("unchanged").asLong()), number(counts.path("rejected").asLong()), eta,
                terminal ? shortened(current) : current);
    }

    private void clearLine() {
        if (terminal && !quiet) {
            out.print("\r\u001B[K");
        }
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String partName(JsonNode report, int part) {
        for (JsonNode shown : report.path("parts")) {
            if (shown.path("part").asInt() == part) {
                return shown.path("name").asText("part " + part);
            }
        }
        return "part " + part;
    }

    private static String shortened(String name) {
        return name.length() <= 40 ? name : "..." + name.substring(name.length() - 37);
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String duration(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }

    static String bytes(long bytes) {
        return bytes >= 1 << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1 << 30))
                : bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20))
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
