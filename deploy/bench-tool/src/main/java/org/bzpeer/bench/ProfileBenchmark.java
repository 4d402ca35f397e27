package org.bzpeer.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.bzpeer.bench.corpus.BzpeerJson;
import org.bzpeer.bench.corpus.CorpusShape;
import org.bzpeer.bench.corpus.OpenAlexSample;
import org.bzpeer.bench.corpus.SyntheticCorpus;
import org.bzpeer.bench.measure.KafkaWatch;
import org.bzpeer.bench.measure.LoadResult;
import org.bzpeer.bench.measure.OpenLoopDriver;
import org.bzpeer.bench.measure.ServiceDatabases;
import org.bzpeer.bench.measure.WorkPoster;
import org.bzpeer.bench.measure.WrkClosedLoop;
import org.bzpeer.bench.stack.LocalStack;
import org.bzpeer.bench.stack.ServiceInstance;

/**
 * The profile read benchmark ({@code deploy/bench/profile}): a store of at least {@code --authors} authors (the real
 * OpenAlex sample, then synthetic works of its shape, all imported through ingest-service and the real pipeline),
 * then loopback HTTP load on profile-service: the most requests per second, with p50 and p99, of the profile GET, a
 * works page, search and autocomplete, each next to a trivial endpoint of the same server (the liveness probe)
 * measured in the same rounds; then the profile GET and autocomplete at a fixed rate. The stack runs on its own ports
 * ({@code BZPEER_PORT_OFFSET}) and data directory, so it can run beside the local stack.
 */
public final class ProfileBenchmark {

    static final String USAGE = """
            Usage: deploy/bench/profile [--authors N] [--port-offset K] [--seconds S] [--rounds R] [--connections C]
                                        [--rate N] [--typing-rate N] [--keep-data] [--help]

            Builds a profile store of at least N authors through the real pipeline (the OpenAlex sample, then
            synthetic works of its shape), then measures profile-service over loopback and prints requests/s, p50 and
            p99 of the profile GET, a works page, search and autocomplete, each as a ratio to the liveness probe of
            the same server in the same rounds, and p99 at fixed rates.

              --authors N       authors in the store at least (default 100,000)
              --port-offset K   added to every port of the benchmark's stack (default 10000: Kafka 19092,
                                PostgreSQL 64329, profile 18080; the local stack's ports stay free)
              --seconds S       length of one closed-loop measurement (default 10)
              --rounds R        rounds over the five endpoints; the median round is reported (default 3)
              --connections C   concurrent clients in the closed loop (default 8)
              --rate N          requests/s of the fixed-rate profile GET (default 1000)
              --typing-rate N   requests/s of the fixed-rate autocomplete (default 200)
              --keep-data       keep the stack's data directory under target/bench/profile-stack
              --help            show this help

            Environment: BZPEER_SHARED_DATA (default <repo>/../shared/data) holds the OpenAlex sample;
            BZPEER_SERVICE_JAVA_OPTS the services' JVM options (default here: -Xmx512m -XX:+UseSerialGC
            -XX:MetaspaceSize=128m, C2 on);
            BZPEER_START_TIMEOUT seconds per start-up phase of the stack (default here: 480).
            """;

    private static final String SAMPLE = "openalex/kfupm/works.jsonl.gz";
    private static final int SYNTHETIC_NAMESPACE = 3;
    private static final long SYNTHETIC_STEP_WORKS = 20_000;
    private static final int CHUNK_WORKS = 500;
    private static final int POST_CONNECTIONS = 4;
    private static final int SAMPLED_AUTHORS = 2_000;
    private static final Duration FIXED_RATE_WINDOW = Duration.ofSeconds(20);
    /** Requests the fixed-rate load keeps open at most, as a gateway's connection pool would. */
    private static final int MAX_IN_FLIGHT = 64;
    private static final String OPEN_LOOP_DRIVER = "OpenLoopDriver (java.nio in the benchmark's JVM, one thread, "
            + "requests built before the run)";
    private static final List<String> ALL_SERVICES = List.of("profile", "ingest", "graph", "trust");
    /** As a server runs: C2 on; metaspace sized so start-up's class loading triggers no full collections. */
    private static final String SERVICE_JAVA_OPTIONS = "-Xmx512m -XX:+UseSerialGC -XX:MetaspaceSize=128m";

    private static final double TARGET_PROFILE_VS_TRIVIAL = 0.3;
    private static final double TARGET_WORKS_VS_PROFILE = 0.6;
    private static final double TARGET_PROFILE_P99_MILLIS = 20;
    private static final double TARGET_AUTOCOMPLETE_P99_MILLIS = 30;

    /** The command line. */
    record Options(Path repository, Path sharedData, long authors, int portOffset, int seconds, int rounds,
            int connections, int rate, int typingRate, boolean keepData) {

        static Options parse(List<String> arguments, String sharedDataVariable) {
            Map<String, Long> numbers = new HashMap<>(Map.of("--authors", 100_000L, "--port-offset", 10_000L,
                    "--seconds", 10L, "--rounds", 3L, "--connections", 8L, "--rate", 1_000L, "--typing-rate", 200L));
            Path repository = null;
            boolean keepData = false;
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                if (argument.equals("--repo") && i + 1 < arguments.size()) {
                    repository = Path.of(arguments.get(++i));
                } else if (argument.equals("--keep-data")) {
                    keepData = true;
                } else if (numbers.containsKey(argument) && i + 1 < arguments.size()) {
                    String value = arguments.get(++i).replace(",", "").replace("_", "");
                    if (!value.matches("[0-9]{1,9}") || (Long.parseLong(value) < 1 && !argument.equals("--port-offset"))) {
                        throw new IllegalArgumentException(argument + " needs a whole number of at least 1, not '"
                                + arguments.get(i) + "'");
                    }
                    numbers.put(argument, Long.parseLong(value));
                } else {
                    throw new IllegalArgumentException("unknown argument or missing value: " + argument);
                }
            }
            if (repository == null) {
                throw new IllegalArgumentException("--repo DIR is required (deploy/bench/profile passes it)");
            }
            if (numbers.get("--port-offset") > 10_000) {
                throw new IllegalArgumentException("--port-offset must be from 0 to 10000");
            }
            Path sharedData = sharedDataVariable == null || sharedDataVariable.isBlank()
                    ? repository.resolve("../shared/data").normalize() : Path.of(sharedDataVariable);
            return new Options(repository, sharedData, numbers.get("--authors"),
                    Math.toIntExact(numbers.get("--port-offset")), Math.toIntExact(numbers.get("--seconds")),
                    Math.toIntExact(numbers.get("--rounds")), Math.toIntExact(numbers.get("--connections")),
                    Math.toIntExact(numbers.get("--rate")), Math.toIntExact(numbers.get("--typing-rate")), keepData);
        }
    }

    /** One endpoint under load: a name for the report and the URIs taken in turn. */
    private record Endpoint(String name, String description, List<URI> targets) {
    }

    private final Options options;
    private final Path benchDirectory;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Report report = new Report();
    private final List<String> targets = new ArrayList<>();
    private final long startedAt = System.nanoTime();

    private ProfileBenchmark(Options options) {
        this.options = options;
        this.benchDirectory = options.repository().resolve("target/bench");
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv("BZPEER_SHARED_DATA"));
        } catch (IllegalArgumentException e) {
            System.err.print(USAGE);
            System.err.println("profile: " + e.getMessage());
            System.exit(2);
            return;
        }
        new ProfileBenchmark(options).run();
    }

    private void run() throws Exception {
        Path sampleFile = options.sharedData().resolve(SAMPLE);
        if (!Files.isRegularFile(sampleFile)) {
            throw new IllegalStateException("the OpenAlex sample " + sampleFile + " is missing; set BZPEER_SHARED_DATA "
                    + "to the shared data directory");
        }
        OpenAlexSample sample = new OpenAlexSample(sampleFile);
        CorpusShape.Builder shape = CorpusShape.builder();
        sample.forEachWork(shape);
        SyntheticCorpus synthetic = new SyntheticCorpus(shape.shape(), SyntheticCorpus.DEFAULT_SEED,
                options.authors() * 2, "profile", SYNTHETIC_NAMESPACE);

        report.line("BZPEER profile read benchmark, %s, %d cores", LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), Runtime.getRuntime().availableProcessors());
        report.line("Every rate is a ratio to GET /actuator/health/liveness of the same server in the same rounds.");
        report.blank();

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("BZPEER_PORT_OFFSET", String.valueOf(options.portOffset()));
        String javaOptions = System.getenv("BZPEER_SERVICE_JAVA_OPTS");
        environment.put("BZPEER_SERVICE_JAVA_OPTS", javaOptions == null || javaOptions.isBlank()
                ? SERVICE_JAVA_OPTIONS : javaOptions);
        environment.put("BZPEER_START_TIMEOUT", System.getenv().getOrDefault("BZPEER_START_TIMEOUT", "480"));
        Path stackDirectory = benchDirectory.resolve("profile-stack");
        deleteTree(stackDirectory);
        try (LocalStack stack = LocalStack.start(options.repository(), stackDirectory, List.of(), environment,
                this::progress);
                KafkaWatch kafka = new KafkaWatch("127.0.0.1:" + (9092 + options.portOffset()));
                ServiceDatabases databases = new ServiceDatabases(
                        "jdbc:postgresql://127.0.0.1:" + (54329 + options.portOffset()) + "/", ALL_SERVICES)) {
            buildStore(stack, kafka, databases, sample, synthetic);
            measure(stack.instance("profile"), databases);
        } catch (Exception e) {
            System.err.println("profile: failed; the stack's data directory, with every process's log under logs/, "
                    + "is kept in " + stackDirectory);
            throw e;
        }
        if (!options.keepData()) {
            deleteTree(stackDirectory);
        }
        report.finish(targets, String.format(Locale.ROOT, "Took %.1f min. Data directory %s.",
                secondsSince(startedAt) / 60,
                options.keepData() ? "kept in " + stackDirectory : "deleted (--keep-data keeps it)"),
                benchDirectory.resolve("profile.txt"));
    }

    /** The sample, then synthetic works in steps until the store holds enough authors. */
    private void buildStore(LocalStack stack, KafkaWatch kafka, ServiceDatabases databases, OpenAlexSample sample,
            SyntheticCorpus synthetic) throws Exception {
        WorkPoster poster = new WorkPoster(http, stack.instance("ingest").uri("/"), stack.pipelineToken());
        ImportMeasurement measurement = new ImportMeasurement(poster, databases, kafka, this::progress);
        long start = System.nanoTime();
        measurement.run("sample", WorkPoster.OPENALEX, sample::forEachRecord, CHUNK_WORKS, POST_CONNECTIONS);
        long imported = 0;
        while (authors(databases) < options.authors()) {
            if (imported >= synthetic.works()) {
                throw new IllegalStateException("the synthetic corpus ran out before the store held "
                        + options.authors() + " authors");
            }
            long from = imported;
            long to = Math.min(synthetic.works(), imported + SYNTHETIC_STEP_WORKS);
            measurement.run(String.format(Locale.ROOT, "synthetic %,d-%,d", from + 1, to), WorkPoster.BZPEER,
                    sink -> synthetic.forEach(from, to, work -> sink.accept(BzpeerJson.record(work))), CHUNK_WORKS,
                    POST_CONNECTIONS);
            imported = to;
            progress(String.format(Locale.ROOT, "store: %,d authors", authors(databases)));
        }
        Map<String, Long> rows = databases.readModelRows("profile");
        report.line("Store: %,d authors, %,d works, %,d authorships in profile's read model: the OpenAlex sample and",
                rows.get("author"), rows.get("work"), rows.get("authorship"));
        report.line("%,d synthetic works of its shape, all imported through ingest-service (POST /api/v1/works) and "
                + "the real pipeline, in %.1f min", imported, secondsSince(start) / 60);
        report.blank();
    }

    private static long authors(ServiceDatabases databases) throws Exception {
        return databases.readModelRows("profile").get("author");
    }

    private void measure(ServiceInstance profile, ServiceDatabases databases) throws Exception {
        Map<String, String> authors = databases.someProfileAuthorNames(SAMPLED_AUTHORS);
        List<URI> profiles = new ArrayList<>();
        List<URI> worksPages = new ArrayList<>();
        List<URI> searches = new ArrayList<>();
        List<URI> suggestions = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> author : authors.entrySet()) {
            profiles.add(profile.uri("/api/v1/authors/" + author.getKey()));
            worksPages.add(profile.uri("/api/v1/authors/" + author.getKey() + "/works?limit=20"));
            searches.add(profile.uri("/api/v1/authors?limit=20&q=" + encode(author.getValue())));
            suggestions.add(profile.uri("/api/v1/authors/autocomplete?q=" + encode(typed(author.getValue(), i++))));
        }
        Endpoint trivial = new Endpoint("trivial", "GET /actuator/health/liveness",
                List.of(profile.uri("/actuator/health/liveness")));
        List<Endpoint> endpoints = List.of(trivial,
                new Endpoint("profile", "GET /api/v1/authors/{id}", profiles),
                new Endpoint("works page", "GET /api/v1/authors/{id}/works?limit=20", worksPages),
                new Endpoint("search", "GET /api/v1/authors?q={a full name}&limit=20", searches),
                new Endpoint("autocomplete", "GET /api/v1/authors/autocomplete?q={2-5 letters of a name}",
                        suggestions));

        WrkClosedLoop load = new WrkClosedLoop(benchDirectory);
        Duration window = Duration.ofSeconds(options.seconds());
        progress("warming up: " + endpoints.size() + " endpoints x " + window.toSeconds() + " s");
        for (Endpoint endpoint : endpoints) {
            load.run(endpoint.targets(), options.connections(), window);
        }
        Map<Endpoint, List<LoadResult>> rounds = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            progress("round " + round + " of " + options.rounds());
            for (Endpoint endpoint : endpoints) {
                rounds.computeIfAbsent(endpoint, e -> new ArrayList<>())
                        .add(load.run(endpoint.targets(), options.connections(), window));
            }
        }
        Map<String, LoadResult> median = new LinkedHashMap<>();
        rounds.forEach((endpoint, results) -> median.put(endpoint.name(), results.stream()
                .sorted(Comparator.comparingDouble(LoadResult::perSecond)).toList()
                .get(results.size() / 2)));

        report.line("Closed loop: %d keep-alive connections, %d rounds of %d s per endpoint (endpoints in turn within "
                + "a round, after one warm-up round); the median round by requests/s; %,d sampled authors taken in "
                + "turn; driver: %s, one thread", options.connections(), options.rounds(), options.seconds(),
                authors.size(), WrkClosedLoop.version());
        double trivialRate = median.get("trivial").perSecond();
        for (Endpoint endpoint : endpoints) {
            LoadResult result = median.get(endpoint.name());
            report.line("  %-13s %,9.0f req/s = %5.2fx trivial   p50 %6.2f ms   p99 %6.2f ms%s   %s", endpoint.name(),
                    result.perSecond(), result.perSecond() / trivialRate, result.p50Millis(), result.p99Millis(), result.errors() == 0 ? "" : "   " + result.errors() + " errors",
                    endpoint.description());
        }
        report.blank();

        progress(String.format(Locale.ROOT, "fixed rate: profile GET at %d/s, autocomplete at %d/s", options.rate(),
                options.typingRate()));
        LoadResult profileAtRate = new OpenLoopDriver(profiles, MAX_IN_FLIGHT).run(options.rate(), FIXED_RATE_WINDOW);
        LoadResult suggestAtRate = new OpenLoopDriver(suggestions, MAX_IN_FLIGHT)
                .run(options.typingRate(), FIXED_RATE_WINDOW);
        report.line("Fixed rate, %d s each, latency from when each request was due (open loop), at most %d requests "
                + "open on as many keep-alive connections (a gateway's pool); driver: %s",
                FIXED_RATE_WINDOW.toSeconds(), MAX_IN_FLIGHT, OPEN_LOOP_DRIVER);
        reportFixedRate("profile", options.rate(), profileAtRate);
        reportFixedRate("autocomplete", options.typingRate(), suggestAtRate);
        report.blank();

        double profileRatio = median.get("profile").perSecond() / trivialRate;
        double worksRatio = median.get("works page").perSecond() / median.get("profile").perSecond();
        target(String.format(Locale.ROOT, "profile GET %.2fx trivial >= %.1fx", profileRatio,
                TARGET_PROFILE_VS_TRIVIAL), profileRatio >= TARGET_PROFILE_VS_TRIVIAL);
        target(String.format(Locale.ROOT, "works page %.2fx profile GET >= %.1fx", worksRatio,
                TARGET_WORKS_VS_PROFILE), worksRatio >= TARGET_WORKS_VS_PROFILE);
        target(String.format(Locale.ROOT, "profile GET p99 at %d req/s: %.2f ms <= %.0f ms", options.rate(),
                profileAtRate.p99Millis(), TARGET_PROFILE_P99_MILLIS),
                profileAtRate.errors() == 0 && profileAtRate.p99Millis() <= TARGET_PROFILE_P99_MILLIS);
        target(String.format(Locale.ROOT, "autocomplete p99 at %d req/s: %.2f ms <= %.0f ms", options.typingRate(),
                suggestAtRate.p99Millis(), TARGET_AUTOCOMPLETE_P99_MILLIS),
                suggestAtRate.errors() == 0 && suggestAtRate.p99Millis() <= TARGET_AUTOCOMPLETE_P99_MILLIS);
    }

    private void reportFixedRate(String name, int rate, LoadResult result) {
        report.line("  %-13s at %,5d req/s: %,d requests in %.1f s, p50 %6.2f ms, p99 %6.2f ms, max %6.2f ms%s", name,
                rate, result.requests(), result.seconds(), result.p50Millis(), result.p99Millis(),
                result.maxMillis(), result.errors() == 0 ? "" : ", " + result.errors() + " errors");
    }

    /** What someone typing a name has typed: the first 2 to 5 letters of one of its words, by turns. */
    static String typed(String name, int turn) {
        String[] words = name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        String word = "";
        for (int k = 0; k < words.length && word.length() < 2; k++) {
            word = words[(turn + k) % words.length];
        }
        return word.length() < 2 ? name : word.substring(0, Math.min(word.length(), 2 + turn % 4));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void target(String description, boolean met) {
        targets.add(String.format(Locale.ROOT, "  [%-6s] %s", Report.verdict(met), description));
    }

    private static void deleteTree(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
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
