package org.bzpeer.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bzpeer.bench.chaos.InputLedger.ExternalId;
import org.bzpeer.bench.corpus.CorpusShape;
import org.bzpeer.bench.corpus.HandMadeShape;
import org.bzpeer.bench.corpus.OpenAlexSample;
import org.bzpeer.bench.corpus.SyntheticCorpus;
import org.bzpeer.bench.measure.ImportCounts;
import org.bzpeer.bench.measure.KafkaWatch;
import org.bzpeer.bench.measure.ServiceDatabases;
import org.bzpeer.bench.measure.WorkPoster;
import org.bzpeer.bench.stack.LocalStack;
import org.bzpeer.bench.stack.ServiceInstance;
import org.bzpeer.localstack.DevTokens;

/**
 * {@code deploy/chaos/run}: the local stack under faults, measured. Starts {@code deploy/local/run --supervise} on a
 * fresh data directory, imports the OpenAlex sample and synthetic works (at least 20,000 in all; synthetic only when
 * the sample is absent) through ingest as a patient pipeline, and plays a burst of follows and unfollows on profile,
 * while it injects, one after another and each once the stack has recovered from the last: SIGKILL of each service
 * (started again by the run script), a broker restart, PostgreSQL stopped for {@value #POSTGRES_DOWN_SECONDS} s, and
 * an ingest instance halted between publishing an outbox batch and deleting it. Then it waits until the system is
 * quiet (no consumer lag, no outbox or pending rows), compares every read model with figures computed from its own
 * input ({@link ReadModelAudit}), reads the dead-letter topics, and prints {@link ChaosTable}. Exit status 1 when
 * anything was lost, doubled or dead-lettered, or a fault could not be injected.
 */
public final class ChaosRun {

    static final int POSTGRES_DOWN_SECONDS = 12;
    /** Exit status of an instance halted by the outbox fault injection (OutboxRelay.FAULT_INJECTION_HALT_STATUS). */
    private static final int HALTED_AFTER_PUBLISH = 86;
    private static final List<String> SERVICES = List.of("ingest", "profile", "graph", "trust");
    private static final String KAFKA = "127.0.0.1:9092";
    private static final int USERS = 20;
    private static final int FOLLOW_TARGETS = 60;
    private static final int FOLLOWS_PER_USER = 25;
    private static final double FOLLOW_CHANGES_PER_SECOND = 5;
    /** How many faults the plan injects; the import is shared evenly before, between and after them. */
    private static final int FAULTS = 7;
    private static final Duration RECOVERY = Duration.ofMinutes(5);
    private static final Duration QUIESCENCE = Duration.ofMinutes(20);
    private static final Duration HALT_TIMEOUT = Duration.ofMinutes(4);

    private final Path repository;
    private final ChaosOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final InputLedger ledger = new InputLedger();
    private final List<ChaosTable.Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<String> faultFailures = Collections.synchronizedList(new ArrayList<>());
    private final long startedAt = System.nanoTime();
    private volatile URI ingestTarget;
    /** Where the import's gate goes once the fault being injected is in place. */
    private volatile long releaseTo;
    private LocalStack stack;
    private ChaosImport chaosImport;
    private FollowBurst burst;

    private ChaosRun(ChaosOptions options) {
        this.repository = options.repository();
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.err.println(ChaosOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ChaosOptions.USAGE);
            return;
        }
        System.exit(new ChaosRun(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path output = repository.resolve("target/chaos");
        Path data = output.resolve("stack");
        deleteTree(data);
        Files.createDirectories(output);
        Corpus corpus = corpus();
        progress("input: " + corpus.describe());
        stack = LocalStack.start(repository, data, List.of("--supervise"), this::progress);
        try {
            ingestTarget = stack.instance("ingest").uri("/");
            chaosImport = new ChaosImport(ledger, WorkPoster.patient(http, () -> ingestTarget, stack.pipelineToken(),
                    Duration.ofMinutes(15)), options.worksPerSecond(), this::seconds);
            burst = new FollowBurst(http, stack.instance("profile").uri("/"), userTokens(data), ledger,
                    this::seconds);
            ChaosTable table = runUnderFaults(corpus);
            String report = report(corpus, table);
            System.out.println();
            System.out.print(report);
            Files.writeString(output.resolve("chaos.txt"), report);
            return table.clean() && faultFailures.isEmpty();
        } finally {
            progress("stopping the stack");
            stack.close();
            if (!options.keepData()) {
                deleteTree(data);
            }
        }
    }

    private ChaosTable runUnderFaults(Corpus corpus) throws Exception {
        chaosImport.holdAt(gate(corpus, 0));
        CompletableFuture<ImportCounts> imported = CompletableFuture.supplyAsync(() -> importAll(corpus));
        CompletableFuture<Void> follows = new CompletableFuture<>();
        List<Fault> plan = List.of(
                new Fault("SIGKILL ingest, restarted", () -> killService("ingest")),
                new Fault("SIGKILL profile, restarted", () -> killService("profile")),
                new Fault("ingest halted after publish, before delete", this::haltIngestAfterPublish),
                new Fault("SIGKILL graph, restarted", () -> killService("graph")),
                new Fault("broker restarted", this::restartBroker),
                new Fault("SIGKILL trust, restarted", () -> killService("trust")),
                new Fault("PostgreSQL stopped " + POSTGRES_DOWN_SECONDS + " s, restarted", this::stopPostgres));
        if (plan.size() != FAULTS) {
            throw new IllegalStateException("the plan has " + plan.size() + " faults, not " + FAULTS);
        }
        for (int i = 0; i < plan.size(); i++) {
            awaitAcknowledged(dueAt(corpus, i), imported);
            if (i == 1) {
                startFollowBurst(follows);
            }
            Fault fault = plan.get(i);
            releaseTo = i + 1 < plan.size() ? gate(corpus, i + 1) : Long.MAX_VALUE;
            long inFlight = recordsInFlight();
            double at = seconds();
            progress(String.format(Locale.ROOT, "%.1f s: %s (%,d records in flight)", at, fault.name(), inFlight));
            String failure;
            try {
                failure = fault.injection().inject();
            } catch (Exception e) {
                failure = e.toString();
            }
            faults.add(new ChaosTable.Fault(failure == null ? fault.name() : fault.name() + " (FAILED)", at,
                    inFlight));
            if (failure != null) {
                faultFailures.add(fault.name() + ": " + failure);
                progress("  fault not injected: " + failure);
            }
            chaosImport.holdAt(releaseTo);
            awaitStackReady();
            progress(String.format(Locale.ROOT, "  recovered at %.1f s", seconds()));
        }
        ImportCounts counts = imported.get();
        progress("import done at " + String.format(Locale.ROOT, "%.1f s: ", seconds()) + counts);
        follows.get();
        progress(String.format(Locale.ROOT, "follow burst done: %,d changes acknowledged, %,d requests sent again",
                burst.acknowledged(), burst.sentAgain()));
        awaitQuiet();
        List<ReadModelAudit.Discrepancy> discrepancies = ReadModelAudit.compare(ledger,
                service -> DriverManager.getConnection(ServiceDatabases.SERVER + service, service, service));
        discrepancies.stream().limit(20).forEach(discrepancy -> progress("  " + discrepancy));
        List<Double> deadLetters;
        try (KafkaWatch kafka = new KafkaWatch(KAFKA)) {
            deadLetters = kafka.deadLetterTimestamps(KAFKA).stream()
                    .map(millis -> (millis - startedAtEpochMillis()) / 1000.0).toList();
        }
        return ChaosTable.of(faults, discrepancies, deadLetters);
    }

    private ImportCounts importAll(Corpus corpus) {
        try {
            ImportCounts counts = ImportCounts.none();
            if (corpus.sample() != null) {
                counts = counts.plus(chaosImport.post(corpus.sample()));
            }
            return counts.plus(chaosImport.post(corpus.synthetic()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Works acknowledged when fault {@code fault} (from 0) is due: an even share of the import before each. */
    private static long dueAt(Corpus corpus, int fault) {
        return corpus.works() * (fault + 1) / (FAULTS + 1);
    }

    /** Works the import may send before fault {@code fault} is injected: two chunks beyond when it is due. */
    private static long gate(Corpus corpus, int fault) {
        return dueAt(corpus, fault) + 2 * ChaosImport.CHUNK;
    }

    private void awaitAcknowledged(long works, CompletableFuture<ImportCounts> imported) throws Exception {
        while (ledger.acknowledgedWorks() < works && !imported.isDone()) {
            Thread.sleep(500);
        }
        if (imported.isCompletedExceptionally()) {
            imported.get();
        }
    }

    private void startFollowBurst(CompletableFuture<Void> done) throws Exception {
        List<FollowBurst.Target> targets = followTargets();
        progress(String.format(Locale.ROOT, "follow burst: %d users on %d authors", USERS, targets.size()));
        Thread thread = new Thread(() -> {
            try {
                burst.run(targets, FOLLOWS_PER_USER, FOLLOW_CHANGES_PER_SECOND);
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }, "follow-burst");
        thread.setDaemon(true);
        thread.start();
    }

    /** The most prolific authors sent so far that profile already serves (by their external ids). */
    private List<FollowBurst.Target> followTargets() throws SQLException {
        List<ExternalId> candidates = ledger.authors().stream()
                .filter(author -> ledger.lastTouchedAt(author) > Double.NEGATIVE_INFINITY)
                .sorted(Comparator.<ExternalId>comparingInt(ledger::works).reversed()
                        .thenComparing(ExternalId::toString))
                .toList();
        List<FollowBurst.Target> targets = new ArrayList<>();
        try (Connection profile = DriverManager.getConnection(ServiceDatabases.SERVER + "profile", "profile",
                "profile");
                PreparedStatement statement = profile.prepareStatement(
                        "SELECT author_id FROM author_external_id WHERE scheme = ? AND value = ?")) {
            for (ExternalId author : candidates) {
                statement.setString(1, author.scheme());
                statement.setString(2, author.value());
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        targets.add(new FollowBurst.Target(author, rows.getString(1)));
                    }
                }
                if (targets.size() == FOLLOW_TARGETS) {
                    break;
                }
            }
        }
        return targets;
    }

    /**
     * Records taken by the pipeline and not yet acknowledged, follow changes not yet acknowledged, rows waiting in
     * outboxes and pending queues, and records published and not yet consumed.
     */
    private long recordsInFlight() {
        long inFlight = chaosImport.inFlight() + burst.inFlight();
        try (ServiceDatabases databases = new ServiceDatabases(SERVICES); KafkaWatch kafka = new KafkaWatch(KAFKA)) {
            inFlight += databases.backlog().values().stream().mapToLong(Long::longValue).sum();
            inFlight += kafka.totalConsumerLag();
        } catch (Exception e) {
            progress("  could not count the records in flight: " + e);
        }
        return inFlight;
    }

    // ---- the faults; each returns null once injected, or why it could not be

    /** One fault of the plan. */
    private record Fault(String name, Injection injection) {
    }

    @FunctionalInterface
    private interface Injection {
        String inject() throws Exception;
    }

    private String killService(String service) throws Exception {
        long pid = stack.pid(service);
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        if (process == null) {
            return service + " (pid " + pid + ") is not running";
        }
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        awaitUntil(RECOVERY, () -> stack.pid(service) != pid);
        return null;
    }

    private String restartBroker() throws Exception {
        long pid = stack.pid("kafka");
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroy();
        process.onExit().get(2, TimeUnit.MINUTES);
        awaitUntil(RECOVERY, () -> stack.pid("kafka") != pid && portOpen(9092));
        return null;
    }

    private String stopPostgres() throws Exception {
        long pid = stack.pid("postgres");
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        stack.hold("postgres");
        long stopped;
        try {
            process.destroy();
            process.onExit().get(2, TimeUnit.MINUTES);
            awaitUntil(Duration.ofMinutes(1), () -> !portOpen(54329));
            stopped = System.nanoTime();
            progress("  PostgreSQL down");
            TimeUnit.SECONDS.sleep(POSTGRES_DOWN_SECONDS);
        } finally {
            stack.release("postgres");
        }
        awaitUntil(RECOVERY, ChaosRun::postgresAnswers);
        progress(String.format(Locale.ROOT, "  PostgreSQL back after %.1f s down",
                (System.nanoTime() - stopped) / 1e9));
        return null;
    }

    /**
     * Starts an extra ingest instance with {@code bzpeer.outbox.fault-injection.halt-after-publish}, sends the
     * import to it, and waits for it to halt after the broker acknowledged a batch it published; the import goes back
     * to the first instance, whose relay publishes the halted batch again.
     */
    private String haltIngestAfterPublish() throws Exception {
        int port = freePort();
        Path log = stack.dataDirectory().resolve("logs/ingest-halting.log");
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + stack.dataDirectory().resolve("tmp"), "-jar",
                repository.resolve("ingest-service/target/ingest-service.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("BZPEER_KAFKA_BOOTSTRAP_SERVERS", KAFKA);
        environment.put("BZPEER_DB_HOST", "127.0.0.1");
        environment.put("BZPEER_DB_PORT", "54329");
        environment.put("BZPEER_DB_NAME", "ingest");
        environment.put("BZPEER_DB_USER", "ingest");
        environment.put("BZPEER_DB_PASSWORD", "ingest");
        environment.put("BZPEER_JWT_PUBLIC_KEY", stack.dataDirectory().resolve("jwt/public.pem").toString());
        environment.put("BZPEER_OUTBOX_FAULTINJECTION_HALTAFTERPUBLISH", "true");
        Process halting = builder.start();
        URI first = ingestTarget;
        URI extra = URI.create("http://127.0.0.1:" + port + "/");
        try {
            awaitUntil(RECOVERY, () -> !halting.isAlive() || isReady(extra));
            ingestTarget = extra;
            chaosImport.holdAt(releaseTo);
            if (!halting.waitFor(HALT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                halting.destroyForcibly().waitFor();
                return "the extra ingest instance did not halt within " + HALT_TIMEOUT;
            }
        } finally {
            ingestTarget = first;
        }
        return halting.exitValue() == HALTED_AFTER_PUBLISH ? null : "the extra ingest instance exited with "
                + halting.exitValue() + ", not " + HALTED_AFTER_PUBLISH + " (see " + log + ")";
    }

    // ---- waiting

    private void awaitStackReady() throws Exception {
        awaitUntil(RECOVERY, () -> {
            for (ServiceInstance instance : stack.instances()) {
                if (!isReady(instance.uri("/"))) {
                    return false;
                }
            }
            return postgresAnswers() && portOpen(9092);
        });
    }

    /** Until no consumer lags, no outbox or pending row waits, three polls in a row. */
    private void awaitQuiet() throws Exception {
        progress("waiting until the system is quiet");
        int quietPolls = 0;
        long deadline = System.nanoTime() + QUIESCENCE.toNanos();
        while (quietPolls < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the system was not quiet within " + QUIESCENCE);
            }
            Thread.sleep(2_000);
            try (ServiceDatabases databases = new ServiceDatabases(SERVICES);
                    KafkaWatch kafka = new KafkaWatch(KAFKA)) {
                long backlog = databases.backlog().values().stream().mapToLong(Long::longValue).sum();
                long lag = kafka.totalConsumerLag();
                quietPolls = backlog == 0 && lag == 0 ? quietPolls + 1 : 0;
            }
        }
        progress(String.format(Locale.ROOT, "quiet at %.1f s", seconds()));
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not so within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private boolean isReady(URI instance) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                    instance.resolve("/actuator/health/readiness")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean postgresAnswers() {
        try (Connection ignored = DriverManager.getConnection(ServiceDatabases.SERVER + "ingest", "ingest",
                "ingest")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean portOpen(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- input, output

    /** The input: the OpenAlex sample when present, and synthetic works up to the asked total. */
    private record Corpus(OpenAlexSample sample, long sampleWorks, SyntheticCorpus synthetic) {

        long works() {
            return sampleWorks + synthetic.works();
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d works: %s%,d synthetic", works(),
                    sample == null ? "no OpenAlex sample (../shared/data is missing), "
                            : String.format(Locale.ROOT, "the OpenAlex sample (%,d) and ", sampleWorks),
                    synthetic.works());
        }
    }

    private Corpus corpus() {
        Path file = options.sharedData().resolve("openalex/kfupm/works.jsonl.gz");
        OpenAlexSample sample = Files.isRegularFile(file) ? new OpenAlexSample(file) : null;
        CorpusShape shape;
        long sampleWorks = 0;
        if (sample != null) {
            CorpusShape.Builder builder = CorpusShape.builder();
            sample.forEachWork(builder);
            shape = builder.shape();
            sampleWorks = shape.works();
        } else {
            shape = HandMadeShape.shape();
        }
        long synthetic = Math.max(0, options.works() - sampleWorks);
        return new Corpus(sample, sampleWorks, new SyntheticCorpus(shape, SyntheticCorpus.DEFAULT_SEED, synthetic,
                "chaos", 5));
    }

    private static Map<String, String> userTokens(Path data) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int user = 1; user <= USERS; user++) {
            String subject = String.format(Locale.ROOT, "chaos-user-%02d", user);
            tokens.put(subject, DevTokens.userToken(data, subject));
        }
        return tokens;
    }

    private String report(Corpus corpus, ChaosTable table) {
        StringBuilder out = new StringBuilder();
        out.append("Chaos run on the local stack: ").append(corpus.describe()).append(", ")
                .append(String.format(Locale.ROOT, "%,d follow changes by %d users%n", burst.acknowledged(), USERS));
        out.append(table);
        faultFailures.forEach(failure -> out.append("fault not injected: ").append(failure).append('\n'));
        out.append(table.clean() && faultFailures.isEmpty()
                ? "0 lost, 0 doubled, 0 dead letters: every acknowledged record is in every read model, once.\n"
                : "FAILED: see the rows above.\n");
        return out.toString();
    }

    private double seconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    private long startedAtEpochMillis() {
        return System.currentTimeMillis() - (System.nanoTime() - startedAt) / 1_000_000;
    }

    private void progress(String message) {
        System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", seconds(), message);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
