package org.bzpeer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.bzpeer.bench.corpus.AuthorshipRows;
import org.bzpeer.bench.corpus.BzpeerJson;
import org.bzpeer.bench.corpus.CorpusShape;
import org.bzpeer.bench.corpus.CorpusWork;
import org.bzpeer.bench.corpus.OpenAlexSample;
import org.bzpeer.bench.corpus.ShapeStatistics;
import org.bzpeer.bench.corpus.SyntheticCorpus;
import org.bzpeer.bench.measure.CopyBaseline;
import org.bzpeer.bench.measure.HttpLatency;
import org.bzpeer.bench.measure.KafkaWatch;
import org.bzpeer.bench.measure.MemorySampler;
import org.bzpeer.bench.measure.ProcessMemory;
import org.bzpeer.bench.measure.ProducerPerfBaseline;
import org.bzpeer.bench.measure.ServiceDatabases;
import org.bzpeer.bench.measure.VisibilityLatency;
import org.bzpeer.bench.measure.WorkPoster;
import org.bzpeer.bench.stack.LocalStack;
import org.bzpeer.bench.stack.ServiceInstance;
import org.bzpeer.schemas.Topics;

/**
 * The pipeline benchmark ({@code deploy/bench/pipeline}): the whole system on the local stack's real broker and
 * PostgreSQL, started afresh, fed the real OpenAlex sample and a synthetic corpus of the sample's shape. Every figure
 * is printed as a ratio to a baseline measured in the same run, next to its target: visible works per second
 * against Kafka's producer-perf-test records per second, read-model rows written per second against a COPY of the
 * same rows, POST-to-visible latency at half the measured maximum load, derived events per work, and profile reads
 * at 10,000 works against the same at the full corpus (each against a liveness probe). Then the sample again with
 * two instances of graph and of trust.
 */
public final class PipelineBenchmark {

    private static final String SAMPLE = "openalex/kfupm/works.jsonl.gz";
    private static final String KAFKA = "127.0.0.1:9092";
    private static final String PRODUCER_PERF_TOPIC = "bench.producer-perf";
    private static final int PRODUCER_PERF_RECORDS = 200_000;
    private static final int PRODUCER_PERF_RECORD_BYTES = 2_048;
    private static final int CHUNK_WORKS = 500;
    /** The first profile reads come at this many works stored, or halfway through a smaller synthetic corpus. */
    private static final long EARLY_CHECKPOINT_WORKS = 10_000;
    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(30);
    private static final int LATENCY_NAMESPACE = 2;
    private static final int SYNTHETIC_NAMESPACE = 1;
    private static final int PROFILE_AUTHORS = 200;
    private static final int PROFILE_WARM_UP = 200;
    private static final int PROFILE_SAMPLES = 2_000;
    private static final String REPLICAS = "graph=2,trust=2";
    private static final List<String> ALL_SERVICES = List.of("profile", "ingest", "graph", "trust");

    private static final double TARGET_VISIBLE_VS_PRODUCER = 0.1;
    private static final double TARGET_ROWS_VS_COPY = 0.3;
    private static final double TARGET_P99_MILLIS = 250;
    private static final double TARGET_DERIVED_PER_WORK = 3;
    private static final double TARGET_PROFILE_GROWTH = 1.2;

    private final BenchOptions options;
    private final Path benchDirectory;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Report report = new Report();
    private final List<String> targets = new ArrayList<>();
    private final long startedAt = System.nanoTime();
    private CorpusShape sampleShape;
    private Baselines baselines;

    /** The baselines of this run, measured on the first stack and used for the second too. */
    private record Baselines(double producerRecordsPerSecond, double sampleCopyRowsPerSecond,
            double syntheticCopyRowsPerSecond) {
    }

    private PipelineBenchmark(BenchOptions options) {
        this.options = options;
        this.benchDirectory = options.repository().resolve("target/bench");
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args), System.getenv("BZPEER_SHARED_DATA"));
        } catch (BenchOptions.UsageException e) {
            System.err.print(BenchOptions.USAGE);
            System.err.println("pipeline: " + e.getMessage());
            System.exit(2);
            return;
        }
        new PipelineBenchmark(options).run();
    }

    private void run() throws Exception {
        Path sampleFile = options.sharedData().resolve(SAMPLE);
        if (!Files.isRegularFile(sampleFile)) {
            throw new IllegalStateException("the OpenAlex sample " + sampleFile + " is missing; set BZPEER_SHARED_DATA "
                    + "to the shared data directory");
        }
        Files.createDirectories(benchDirectory);
        OpenAlexSample sample = new OpenAlexSample(sampleFile);
        progress("measuring the shape of " + sampleFile);
        sampleShape = shapeOf(sample::forEachWork);
        SyntheticCorpus synthetic = options.skipSynthetic() ? null : new SyntheticCorpus(sampleShape,
                SyntheticCorpus.DEFAULT_SEED, options.works(), "synthetic", SYNTHETIC_NAMESPACE);

        report.line("BZPEER pipeline benchmark, %s, %d cores, %s", LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), Runtime.getRuntime().availableProcessors(),
                options.skipSynthetic() ? "sample only (--skip-synthetic)"
                        : String.format(Locale.ROOT, "synthetic corpus of %,d works", options.works()));
        report.line("Every figure is a ratio to a baseline measured in this run, on the same broker and PostgreSQL.");
        report.blank();

        Path sampleRows = benchDirectory.resolve("sample-authorships.copy");
        long sampleRowCount = writeRows(sample::forEachWork, sampleRows, null);
        Path syntheticRows = benchDirectory.resolve("synthetic-authorships.copy");
        long syntheticRowCount = 0;
        report.line("Corpus shape: the real sample (%s), and the synthetic corpus generated from its measured shape",
                sampleFile);
        report.line("(seed %d) and measured again the same way", SyntheticCorpus.DEFAULT_SEED);
        ShapeStatistics sampleStatistics = ShapeStatistics.of(sampleShape);
        if (synthetic != null) {
            progress(String.format(Locale.ROOT, "generating the synthetic corpus (%,d works) for its COPY rows and "
                    + "shape", synthetic.works()));
            CorpusShape.Builder syntheticShape = CorpusShape.builder();
            syntheticRowCount = writeRows(synthetic::forEach, syntheticRows, syntheticShape);
            report.lines(sampleStatistics.compare("sample", ShapeStatistics.of(syntheticShape.shape()), "synthetic"));
        } else {
            report.lines(sampleStatistics.compare("sample", sampleStatistics, "(sample)"));
        }
        report.blank();

        try {
            Path singleStack = freshDirectory("stack-single");
            try (LocalStack stack = LocalStack.start(options.repository(), singleStack, List.of(), this::progress)) {
                measureOnSingleStack(stack, sample, sampleRows, sampleRowCount, synthetic, syntheticRows,
                        syntheticRowCount);
            }
            Path replicaStack = freshDirectory("stack-replicas");
            try (LocalStack stack = LocalStack.start(options.repository(), replicaStack,
                    List.of("--replicas", REPLICAS), this::progress)) {
                measureWithReplicas(stack, sample);
            }
        } catch (Exception e) {
            System.err.println("pipeline: failed; the stacks' data directories, with every process's log under logs/, "
                    + "are kept under " + benchDirectory);
            throw e;
        } finally {
            Files.deleteIfExists(sampleRows);
            Files.deleteIfExists(syntheticRows);
        }
        if (!options.keepData()) {
            deleteTree(benchDirectory.resolve("stack-single"));
            deleteTree(benchDirectory.resolve("stack-replicas"));
        }
        report.finish(targets, String.format(Locale.ROOT, "Took %.1f min. Data directories %s.",
                secondsSince(startedAt) / 60,
                options.keepData() ? "kept under " + benchDirectory : "deleted (--keep-data keeps them)"),
                benchDirectory.resolve("pipeline.txt"));
    }

    /** Baselines, sample import, latency at half load, synthetic import and profile reads, memory: one instance each. */
    private void measureOnSingleStack(LocalStack stack, OpenAlexSample sample, Path sampleRows, long sampleRowCount,
            SyntheticCorpus synthetic, Path syntheticRows, long syntheticRowCount) throws Exception {
        try (KafkaWatch kafka = new KafkaWatch(KAFKA);
                ServiceDatabases databases = new ServiceDatabases(ALL_SERVICES);
                MemorySampler memory = new MemorySampler(http, stack.instances(), stack.opsToken())) {
            WorkPoster poster = new WorkPoster(http, stack.instance("ingest").uri("/"), stack.pipelineToken());
            ImportMeasurement measurement = new ImportMeasurement(poster, databases, kafka, this::progress);

            report.line("Baselines (one instance of each service)");
            baselines = new Baselines(producerPerf(kafka), copy("sample", sampleRows, sampleRowCount),
                    synthetic == null ? 0 : copy("synthetic", syntheticRows, syntheticRowCount));
            report.blank();

            ImportFigures sampleImport = measurement.run("sample", WorkPoster.OPENALEX, sample::forEachRecord,
                    CHUNK_WORKS, options.connections());
            reportImport(sampleImport, baselines.sampleCopyRowsPerSecond(),
                    String.format(Locale.ROOT, "OpenAlex sample, one instance each (NDJSON ?format=openalex, chunks of "
                            + "%d, %d connections)", CHUNK_WORKS, options.connections()));
            target(String.format(Locale.ROOT, "derived events per work on the real sample: %.2f <= %.0f",
                    sampleImport.derivedEventsPerWork(), TARGET_DERIVED_PER_WORK),
                    sampleImport.derivedEventsPerWork() <= TARGET_DERIVED_PER_WORK);

            latencyAtHalfLoad(poster, sampleImport.visiblePerSecond() / 2);
            measurement.settle("after the latency probes");

            if (synthetic != null) {
                measureSynthetic(measurement, databases, stack, synthetic);
            }
            reportMemory(stack, memory, "one instance each");
        }
    }

    private void measureSynthetic(ImportMeasurement measurement, ServiceDatabases databases, LocalStack stack,
            SyntheticCorpus synthetic) throws Exception {
        long stored = databases.workCount("profile");
        long toCheckpoint = Math.min(EARLY_CHECKPOINT_WORKS - stored, synthetic.works() / 2);
        HttpLatency.Result early = null;
        long earlyStored = 0;
        long from = 0;
        if (toCheckpoint > 0) {
            measurement.run(String.format(Locale.ROOT, "synthetic 1-%,d (up to the first profile reads)", toCheckpoint),
                    WorkPoster.BZPEER, records(synthetic, 0, toCheckpoint), CHUNK_WORKS, options.connections());
            earlyStored = databases.workCount("profile");
            early = profileReads(stack, databases);
            from = toCheckpoint;
        }
        ImportFigures bulk = measurement.run(String.format(Locale.ROOT, "synthetic %,d-%,d", from + 1,
                synthetic.works()), WorkPoster.BZPEER, records(synthetic, from, synthetic.works()), CHUNK_WORKS,
                options.connections());
        reportImport(bulk, baselines.syntheticCopyRowsPerSecond(), String.format(Locale.ROOT,
                "synthetic corpus, works %,d-%,d of %,d, one instance each (NDJSON ?format=bzpeer, chunks of %d, %d "
                        + "connections)", from + 1, synthetic.works(), synthetic.works(), CHUNK_WORKS,
                options.connections()));
        long finalStored = databases.workCount("profile");
        HttpLatency.Result full = profileReads(stack, databases);
        report.line("Profile reads: GET /api/v1/authors/{id} (%d authors in turn, one connection, %,d requests), each "
                + "followed by GET /actuator/health/liveness on the same server", PROFILE_AUTHORS, PROFILE_SAMPLES);
        if (early != null) {
            reportProfileReads(early, earlyStored);
        }
        reportProfileReads(full, finalStored);
        if (early != null) {
            double raw = full.target().millis(50) / early.target().millis(50);
            double normalised = raw / (full.probe().millis(50) / early.probe().millis(50));
            report.line("  p50 at %,d works / p50 at %,d works: %.2fx; against the probe's own change: %.2fx",
                    finalStored, earlyStored, raw, normalised);
            target(String.format(Locale.ROOT, "profile GET p50 at %,d works within %.1fx of %,d works (each against "
                    + "the liveness probe): %.2fx", finalStored, TARGET_PROFILE_GROWTH, earlyStored, normalised),
                    normalised <= TARGET_PROFILE_GROWTH);
        } else {
            report.line("  (no earlier reading: %,d works were stored before the synthetic corpus)", stored);
        }
        report.blank();
    }

    private void measureWithReplicas(LocalStack stack, OpenAlexSample sample) throws Exception {
        try (KafkaWatch kafka = new KafkaWatch(KAFKA);
                ServiceDatabases databases = new ServiceDatabases(ALL_SERVICES);
                MemorySampler memory = new MemorySampler(http, stack.instances(), stack.opsToken())) {
            WorkPoster poster = new WorkPoster(http, stack.instance("ingest").uri("/"), stack.pipelineToken());
            ImportMeasurement measurement = new ImportMeasurement(poster, databases, kafka, this::progress);
            ImportFigures replicated = measurement.run("sample, " + REPLICAS, WorkPoster.OPENALEX,
                    sample::forEachRecord, CHUNK_WORKS, options.connections());
            reportImport(replicated, baselines.sampleCopyRowsPerSecond(), String.format(
                    Locale.ROOT, "OpenAlex sample with --replicas %s, fresh stack (ratios to the baselines above)",
                    REPLICAS));
            reportMemory(stack, memory, "--replicas " + REPLICAS);
        }
    }

    private double producerPerf(KafkaWatch kafka) throws Exception {
        int partitions = kafka.partitionCount(Topics.WORK_IMPORTED.name());
        kafka.createTopic(PRODUCER_PERF_TOPIC, partitions);
        progress("baseline: producer-perf-test, " + PRODUCER_PERF_RECORDS + " records");
        ProducerPerfBaseline.Result perf;
        try {
            perf = ProducerPerfBaseline.run(KAFKA, PRODUCER_PERF_TOPIC, PRODUCER_PERF_RECORDS,
                    PRODUCER_PERF_RECORD_BYTES, benchDirectory.resolve("producer-perf.log"));
        } finally {
            kafka.deleteTopic(PRODUCER_PERF_TOPIC);
        }
        report.line("  Kafka producer-perf-test: %,d records of %,d B, acks=all, unthrottled, %d partitions: "
                + "%,.0f records/s (%.1f MB/s, p99 %d ms)", perf.records(), PRODUCER_PERF_RECORD_BYTES, partitions,
                perf.recordsPerSecond(), perf.megabytesPerSecond(), perf.p99Millis());
        return perf.recordsPerSecond();
    }

    private double copy(String corpus, Path rows, long rowCount) throws SQLException, IOException {
        progress(String.format(Locale.ROOT, "baseline: COPY of the %s's %,d authorship rows", corpus, rowCount));
        CopyBaseline.Result copy = CopyBaseline.run(ServiceDatabases.SERVER + "postgres", rows);
        report.line("  PostgreSQL COPY of the %s's authorship rows (work_id, author_id, display_name, position; "
                + "primary key and author index as graph's work_author): %,d rows, best of %d: %,.0f rows/s", corpus,
                copy.rows(), copy.rounds(), copy.rowsPerSecond());
        return copy.rowsPerSecond();
    }

    /** Reports an import, its ratios to the producer baseline and to the COPY of the same corpus's rows. */
    private void reportImport(ImportFigures figures, double copyRowsPerSecond, String title) {
        report.line("Import: %s", title);
        report.line("  ingest answered: %s%s", figures.counts(), figures.counts().firstErrors().isEmpty() ? ""
                : "; first errors: " + figures.counts().firstErrors());
        report.line("  accepted by ingest          %,10.1f works/s  (%,d works, last POST answered after %.1f s)",
                figures.acceptedPerSecond(), figures.works(), figures.acceptedSeconds());
        for (String service : ImportMeasurement.READ_MODELS) {
            report.line("  applied by %-16s %,10.1f works/s  (every new work in its work table after %.1f s)",
                    service, figures.appliedPerSecond(service), figures.appliedSeconds().get(service));
        }
        double visibleRatio = figures.visiblePerSecond() / baselines.producerRecordsPerSecond();
        report.line("  visible everywhere          %,10.1f works/s  (settled after %.1f s) = %.4fx producer-perf "
                + "records/s", figures.visiblePerSecond(), figures.visibleSeconds(), visibleRatio);
        StringBuilder perTopic = new StringBuilder();
        figures.derivedEvents().forEach((topic, events) -> perTopic.append(String.format(Locale.ROOT,
                "%s%s %,d = %.2f/work", perTopic.isEmpty() ? "" : ", ", topic, events, events / (double) figures.works())));
        report.line("  derived events              %10.2f per work  (%s)", figures.derivedEventsPerWork(), perTopic);
        double rowsRatio = figures.readModelRowsPerSecond() / copyRowsPerSecond;
        StringBuilder perService = new StringBuilder();
        figures.readModelRows().forEach((service, rows) -> perService.append(String.format(Locale.ROOT, "%s%s %,d",
                perService.isEmpty() ? "" : ", ", service, rows)));
        report.line("  read-model writes           %,10.0f rows/s   (%,d rows: %s) = %.4fx COPY rows/s",
                figures.readModelRowsPerSecond(), figures.readModelRowsWritten(), perService, rowsRatio);
        report.blank();
        target(String.format(Locale.ROOT, "%s: visible works/s %.4fx producer-perf records/s >= %.1fx", figures.label(),
                visibleRatio, TARGET_VISIBLE_VS_PRODUCER), visibleRatio >= TARGET_VISIBLE_VS_PRODUCER);
        target(String.format(Locale.ROOT, "%s: read-model rows/s %.4fx COPY rows/s >= %.1fx", figures.label(),
                rowsRatio, TARGET_ROWS_VS_COPY), rowsRatio >= TARGET_ROWS_VS_COPY);
    }

    private void latencyAtHalfLoad(WorkPoster poster, double worksPerSecond) throws Exception {
        int count = (int) Math.max(1, Math.round(worksPerSecond * LATENCY_WINDOW.toSeconds()));
        progress(String.format(Locale.ROOT, "latency: %d single works at %.1f works/s", count, worksPerSecond));
        List<VisibilityLatency.Probe> probes = new ArrayList<>(count);
        SyntheticCorpus probeCorpus = new SyntheticCorpus(sampleShape, SyntheticCorpus.DEFAULT_SEED, count, "latency",
                LATENCY_NAMESPACE);
        probeCorpus.forEach(work -> probes.add(new VisibilityLatency.Probe(work.doi(), BzpeerJson.record(work))));
        VisibilityLatency.Result result;
        try (ServiceDatabases ingest = new ServiceDatabases(List.of("ingest"));
                ServiceDatabases readModels = new ServiceDatabases(ImportMeasurement.READ_MODELS)) {
            result = VisibilityLatency.measure(poster, ingest, readModels, ImportMeasurement.READ_MODELS, probes,
                    worksPerSecond);
        }
        report.line("Latency, POST to visible, at half the measured maximum (%.1f works/s = half of the sample's "
                + "visible works/s), %d single new works over %d s, polled every 10 ms", worksPerSecond, count,
                LATENCY_WINDOW.toSeconds());
        result.perService().forEach((service, latency) -> report.line(
                "  in %-8s p50 %8.1f ms   p99 %8.1f ms   (%d works seen, %d not within 60 s)", service,
                latency.millis(50), latency.millis(99), latency.count(), result.missing().get(service)));
        if (result.allServices() != null) {
            report.line("  in all three p50 %8.1f ms   p99 %8.1f ms", result.allServices().millis(50),
                    result.allServices().millis(99));
        }
        if (result.failed() > 0) {
            report.line("  %d POSTs failed; first: %s", result.failed(), result.firstFailure());
        }
        report.blank();
        double p99 = result.allServices() == null ? Double.POSITIVE_INFINITY : result.allServices().millis(99);
        boolean complete = result.failed() == 0 && result.missing().values().stream().allMatch(missing -> missing == 0);
        target(String.format(Locale.ROOT, "p99 POST-to-visible in all three read models at half load: %.1f ms <= %.0f "
                + "ms%s", p99, TARGET_P99_MILLIS, complete ? "" : " (some works never became visible)"),
                complete && p99 <= TARGET_P99_MILLIS);
    }

    private HttpLatency.Result profileReads(LocalStack stack, ServiceDatabases databases) throws Exception {
        ServiceInstance profile = stack.instance("profile");
        List<URI> authors = databases.someProfileAuthors(PROFILE_AUTHORS).stream()
                .map(id -> profile.uri("/api/v1/authors/" + id)).toList();
        progress("profile reads: " + (PROFILE_WARM_UP + PROFILE_SAMPLES) + " GETs and as many probes");
        return HttpLatency.againstProbe(http, authors, profile.uri("/actuator/health/liveness"), PROFILE_WARM_UP,
                PROFILE_SAMPLES);
    }

    private void reportProfileReads(HttpLatency.Result reads, long stored) {
        report.line("  at %,10d works stored: author p50 %6.2f ms, p99 %6.2f ms; liveness p50 %6.2f ms, p99 %6.2f ms;"
                + " p50 %.2fx, p99 %.2fx of the probe%s", stored, reads.target().millis(50), reads.target().millis(99),
                reads.probe().millis(50), reads.probe().millis(99), reads.target().millis(50) / reads.probe().millis(50),
                reads.target().millis(99) / reads.probe().millis(99),
                reads.errors() == 0 ? "" : "; " + reads.errors() + " answers other than 200");
    }

    private void reportMemory(LocalStack stack, MemorySampler memory, String title) throws IOException {
        report.line("Memory, %s: peak heap in use (jvm_memory_used_bytes{area=\"heap\"}, sampled every second) "
                + "and peak RSS (VmHWM)", title);
        for (ServiceInstance instance : stack.instances()) {
            report.line("  %-9s pid %-8d heap %6.0f MiB   RSS %6.0f MiB", instance.name(), instance.pid(),
                    memory.peakHeapBytes(instance) / 1048576.0, ProcessMemory.peakRssBytes(instance.pid()) / 1048576.0);
        }
        report.blank();
    }

    private void target(String description, boolean met) {
        targets.add(String.format(Locale.ROOT, "  [%-6s] %s", Report.verdict(met), description));
    }

    /** Writes the authorship rows of a corpus to {@code file}, also measuring its shape when {@code shape} is set. */
    private static long writeRows(Consumer<Consumer<CorpusWork>> corpus, Path file, CorpusShape.Builder shape)
            throws IOException {
        try (AuthorshipRows rows = AuthorshipRows.writingTo(file)) {
            corpus.accept(shape == null ? rows : rows.andThen(shape));
            return rows.rows();
        }
    }

    private static Consumer<Consumer<byte[]>> records(SyntheticCorpus corpus, long from, long to) {
        return sink -> corpus.forEach(from, to, work -> sink.accept(BzpeerJson.record(work)));
    }

    private static CorpusShape shapeOf(Consumer<Consumer<CorpusWork>> corpus) {
        CorpusShape.Builder builder = CorpusShape.builder();
        corpus.accept(builder);
        return builder.shape();
    }

    private Path freshDirectory(String name) throws IOException {
        Path directory = benchDirectory.resolve(name);
        deleteTree(directory);
        return directory;
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void progress(String message) {
        long seconds = (long) secondsSince(startedAt);
        System.out.printf(Locale.ROOT, "[%02d:%02d] %s%n", seconds / 60, seconds % 60, message);
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
