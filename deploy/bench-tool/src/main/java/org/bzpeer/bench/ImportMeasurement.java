package org.bzpeer.bench;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.bzpeer.bench.measure.ImportCounts;
import org.bzpeer.bench.measure.KafkaWatch;
import org.bzpeer.bench.measure.ServiceDatabases;
import org.bzpeer.bench.measure.WorkPoster;
import org.bzpeer.schemas.Topics;

/**
 * Imports a corpus and times it through the whole pipeline. The pipeline has settled ("visible") when every
 * read model's {@code work} table holds every new work, every consumer group has lag 0 on every topic, and every
 * backlog table ({@code event_outbox}, and {@code pending_summary} / {@code pending_assessment} where they exist) is
 * empty, in two polls in a row with no event published in between. A pipeline that makes no progress at all for
 * {@link #STALL_MILLIS} fails the measurement.
 */
final class ImportMeasurement {

    static final List<String> READ_MODELS = List.of("profile", "graph", "trust");
    static final List<String> DERIVED_TOPICS = List.of(Topics.AUTHOR_GRAPH_UPDATED.name(), Topics.TRUST_UPDATED.name());

    private static final long MIN_POLL_MILLIS = 250;
    private static final long STALL_MILLIS = 5 * 60_000;
    private static final long PROGRESS_MILLIS = 30_000;

    private final WorkPoster poster;
    private final ServiceDatabases databases;
    private final KafkaWatch kafka;
    private final Consumer<String> progress;

    ImportMeasurement(WorkPoster poster, ServiceDatabases databases, KafkaWatch kafka, Consumer<String> progress) {
        this.poster = poster;
        this.databases = databases;
        this.kafka = kafka;
        this.progress = progress;
    }

    /** Posts every record of {@code records} and waits until the pipeline has settled. */
    ImportFigures run(String label, String format, Consumer<Consumer<byte[]>> records, int chunkSize,
            int connections) throws SQLException, ExecutionException, InterruptedException {
        long ingestBefore = databases.workCount("ingest");
        Map<String, Long> worksBefore = workCounts();
        Map<String, Map<String, Long>> rowsBefore = readModelRows();
        Map<String, Long> derivedBefore = kafka.publishedRecords(DERIVED_TOPICS);
        progress.accept(label + ": posting");

        long start = System.nanoTime();
        ImportCounts counts = poster.post(format, records, chunkSize, connections);
        double acceptedSeconds = secondsSince(start);
        long created = databases.workCount("ingest") - ingestBefore;
        progress.accept(String.format(Locale.ROOT, "%s: ingest accepted %,d works in %.1f s (%s); waiting for the "
                + "pipeline to settle", label, created, acceptedSeconds, counts));
        Map<String, Long> expected = new HashMap<>();
        worksBefore.forEach((service, before) -> expected.put(service, before + created));
        Settled settled = awaitSettled(label, start, expected);

        Map<String, Long> derived = new LinkedHashMap<>();
        kafka.publishedRecords(DERIVED_TOPICS).forEach((topic, end) -> derived.put(topic, end - derivedBefore.get(topic)));
        Map<String, Long> rowsWritten = new LinkedHashMap<>();
        readModelRows().forEach((service, tables) -> rowsWritten.put(service, tables.entrySet().stream()
                .mapToLong(table -> table.getValue() - rowsBefore.get(service).getOrDefault(table.getKey(), 0L))
                .sum()));
        return new ImportFigures(label, counts, created, acceptedSeconds, settled.appliedSeconds(),
                settled.visibleSeconds(), derived, rowsWritten);
    }

    /** Waits until the pipeline has settled on what ingest holds now (after work posted outside {@link #run}). */
    void settle(String label) throws SQLException, ExecutionException, InterruptedException {
        long ingest = databases.workCount("ingest");
        Map<String, Long> expected = new HashMap<>();
        READ_MODELS.forEach(service -> expected.put(service, ingest));
        awaitSettled(label, System.nanoTime(), expected);
    }

    /** When each read model held everything, and when the whole pipeline had settled; seconds since the start. */
    private record Settled(Map<String, Double> appliedSeconds, double visibleSeconds) {
    }

    /** The state polled: works per read model, total consumer lag, backlog rows, derived events published. */
    private record Poll(Map<String, Long> works, long lag, long backlog, Map<String, Long> published) {
    }

    private Settled awaitSettled(String label, long start, Map<String, Long> expected)
            throws SQLException, ExecutionException, InterruptedException {
        Map<String, Double> applied = new LinkedHashMap<>();
        Poll previous = null;
        Double firstQuietAt = null;
        long lastChange = System.nanoTime();
        long nextProgress = System.nanoTime() + PROGRESS_MILLIS * 1_000_000;
        while (true) {
            long pollStarted = System.nanoTime();
            Poll poll = poll();
            double now = secondsSince(start);
            for (String service : READ_MODELS) {
                if (!applied.containsKey(service) && poll.works().get(service) >= expected.get(service)) {
                    applied.put(service, now);
                }
            }
            boolean quiet = applied.size() == READ_MODELS.size() && poll.lag() == 0 && poll.backlog() == 0;
            if (quiet && firstQuietAt != null && poll.published().equals(previous.published())) {
                Map<String, Double> inOrder = new LinkedHashMap<>();
                READ_MODELS.forEach(service -> inOrder.put(service, applied.get(service)));
                return new Settled(inOrder, firstQuietAt);
            }
            firstQuietAt = quiet ? (firstQuietAt == null ? now : firstQuietAt) : null;
            if (!poll.equals(previous)) {
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_MILLIS * 1_000_000) {
                throw new IllegalStateException(label + ": the pipeline made no progress for "
                        + STALL_MILLIS / 1000 + " s: " + describe(poll, expected));
            }
            if (System.nanoTime() > nextProgress) {
                progress.accept(String.format(Locale.ROOT, "%s: %.0f s: %s", label, now, describe(poll, expected)));
                nextProgress = System.nanoTime() + PROGRESS_MILLIS * 1_000_000;
            }
            previous = poll;
            long pollMillis = (System.nanoTime() - pollStarted) / 1_000_000;
            Thread.sleep(Math.max(MIN_POLL_MILLIS, 10 * pollMillis));
        }
    }

    private Poll poll() throws SQLException, ExecutionException, InterruptedException {
        return new Poll(workCounts(), kafka.totalConsumerLag(),
                databases.backlog().values().stream().mapToLong(Long::longValue).sum(),
                kafka.publishedRecords(DERIVED_TOPICS));
    }

    private static String describe(Poll poll, Map<String, Long> expected) {
        StringBuilder out = new StringBuilder();
        for (String service : READ_MODELS) {
            out.append(String.format(Locale.ROOT, "%s %,d/%,d, ", service, poll.works().get(service),
                    expected.get(service)));
        }
        return out.append(String.format(Locale.ROOT, "consumer lag %,d, backlog %,d", poll.lag(), poll.backlog()))
                .toString();
    }

    private Map<String, Long> workCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String service : READ_MODELS) {
            counts.put(service, databases.workCount(service));
        }
        return counts;
    }

    private Map<String, Map<String, Long>> readModelRows() throws SQLException {
        Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
        for (String service : READ_MODELS) {
            rows.put(service, databases.readModelRows(service));
        }
        return rows;
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
