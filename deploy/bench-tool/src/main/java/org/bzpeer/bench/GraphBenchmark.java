package org.bzpeer.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bzpeer.bench.corpus.CorpusWork;
import org.bzpeer.bench.corpus.OpenAlexSample;
import org.bzpeer.bench.measure.HttpLatency;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;

/**
 * The graph explorer benchmark ({@code deploy/bench/graph}, which starts the broker, PostgreSQL and graph-service):
 * publishes the OpenAlex sample as {@code work.imported} events straight to the broker, plus a generated author with
 * 1,000 works and 2,000 co-authors, waits until graph-service has applied and summarised everything, then measures
 * the neighbourhood (depth 1 and 2) of the most connected authors and of the generated one, and paths from the most
 * connected authors, each p50/p99 next to the liveness probe of the same server.
 *
 * <p>Run as {@code GraphBenchmark <bootstrap servers> <graph base URL> <graph JDBC URL> <sample file> <samples>}.
 */
public final class GraphBenchmark {

    /** The generated author: 1,000 works, 2,000 distinct co-authors, ten of them on a tenth of the works each. */
    static final String PROLIFIC_AUTHOR = "bench-prolific";
    private static final int PROLIFIC_WORKS = 1000;
    private static final int PROLIFIC_COAUTHORS = 2000;
    private static final int MOST_CONNECTED = 20;
    private static final int WARM_UP = 50;
    private static final Pattern DISTANCE = Pattern.compile("\"distance\":(\\d+|null)");

    private GraphBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: GraphBenchmark <bootstrap> <graph URL> <graph JDBC URL> <sample> <samples>");
            System.exit(2);
        }
        String bootstrap = args[0];
        URI graph = URI.create(args[1]);
        String jdbcUrl = args[2];
        Path sample = Path.of(args[3]);
        int samples = Integer.parseInt(args[4]);
        Report report = new Report();

        List<WorkImported> works = new ArrayList<>();
        new OpenAlexSample(sample).forEachWork(work -> works.add(event(work)));
        int sampleWorks = works.size();
        works.addAll(prolificAuthorWorks());
        long started = System.nanoTime();
        publish(bootstrap, works);
        awaitApplied(jdbcUrl, works.stream().map(WorkImported::getWorkId).distinct().count());
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        report.line("graph explorer benchmark, %s", Instant.now());
        report.line("loaded %,d sample works + %,d generated works in %.1f s (published to work.imported, applied and "
                + "summarised by graph-service)", sampleWorks, PROLIFIC_WORKS + 300, loadSeconds);
        report.lines(readModelSize(jdbcUrl));

        List<String> mostConnected = mostConnected(jdbcUrl);
        List<String> randomAuthors = randomAuthors(jdbcUrl, mostConnected.size());
        report.line("most connected sample authors: %d, from %s (%s co-authors) to %s (%s)", mostConnected.size(),
                mostConnected.get(0), coauthorCount(jdbcUrl, mostConnected.get(0)),
                mostConnected.get(mostConnected.size() - 1),
                coauthorCount(jdbcUrl, mostConnected.get(mostConnected.size() - 1)));
        report.blank();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI probe = graph.resolve("/actuator/health/liveness");
        report.line("%-52s %9s %9s %13s %13s %6s", "request", "p50 ms", "p99 ms", "probe p50 ms", "probe p99 ms",
                "errors");
        measure(report, http, probe, samples, "neighbourhood depth 1, limit 25, most connected",
                uris(graph, mostConnected, id -> "/api/v1/authors/" + id + "/graph?depth=1&limit=25"));
        measure(report, http, probe, samples, "neighbourhood depth 2, limit 25, most connected",
                uris(graph, mostConnected, id -> "/api/v1/authors/" + id + "/graph?depth=2&limit=25"));
        measure(report, http, probe, samples, "neighbourhood depth 2, limit 100, most connected",
                uris(graph, mostConnected, id -> "/api/v1/authors/" + id + "/graph?depth=2&limit=100"));
        measure(report, http, probe, samples, "neighbourhood depth 1, limit 25, generated author",
                uris(graph, List.of(PROLIFIC_AUTHOR), id -> "/api/v1/authors/" + id + "/graph?depth=1&limit=25"));
        measure(report, http, probe, samples, "neighbourhood depth 2, limit 100, generated author",
                uris(graph, List.of(PROLIFIC_AUTHOR), id -> "/api/v1/authors/" + id + "/graph?depth=2&limit=100"));
        List<URI> paths = new ArrayList<>();
        for (int i = 0; i < mostConnected.size(); i++) {
            paths.add(graph.resolve("/api/v1/graph/path?from=" + mostConnected.get(i) + "&to="
                    + randomAuthors.get(i)));
        }
        measure(report, http, probe, samples, "path, most connected -> random author", paths);
        List<URI> between = new ArrayList<>();
        for (int i = 0; i < mostConnected.size(); i++) {
            between.add(graph.resolve("/api/v1/graph/path?from=" + mostConnected.get(i) + "&to="
                    + mostConnected.get((i + mostConnected.size() / 2) % mostConnected.size())));
        }
        measure(report, http, probe, samples, "path, most connected -> most connected", between);
        report.blank();
        report.lines(distances(http, paths));
        System.out.print(report.text());
    }

    private static void measure(Report report, HttpClient http, URI probe, int samples, String name,
            List<URI> targets) throws Exception {
        HttpLatency.Result result = HttpLatency.againstProbe(http, targets, probe, WARM_UP, samples);
        report.line("%-52s %9.1f %9.1f %13.1f %13.1f %6d   (p99 %.1fx the probe's)", name,
                result.target().millis(50), result.target().millis(99), result.probe().millis(50),
                result.probe().millis(99), result.errors(), result.target().millis(99) / result.probe().millis(99));
    }

    private static List<URI> uris(URI base, List<String> authors, Function<String, String> path) {
        return authors.stream().map(author -> base.resolve(path.apply(author))).toList();
    }

    /** How far the measured paths reach: "distance d: n paths" lines, read from the answers. */
    private static List<String> distances(HttpClient http, List<URI> paths) throws Exception {
        Map<String, Integer> byDistance = new TreeMap<>();
        for (URI uri : paths) {
            String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher distance = DISTANCE.matcher(body);
            byDistance.merge(distance.find() ? distance.group(1) : "?", 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        byDistance.forEach((distance, count) -> lines.add("paths most connected -> random author at distance "
                + ("null".equals(distance) ? "none within 6" : distance) + ": " + count));
        return lines;
    }

    /** A sample work as ingest would publish it: OpenAlex ids for the work and its authors. */
    static WorkImported event(CorpusWork work) {
        List<Authorship> authorships = new ArrayList<>();
        for (CorpusWork.Authorship authorship : work.authorships()) {
            if (authorship.openAlexId() == null) {
                continue;
            }
            authorships.add(authorship(authorships.size(), authorship.openAlexId(), authorship.name(),
                    authorship.institutions().stream()
                            .map(institution -> Institution.newBuilder().setId(institution.openAlexId())
                                    .setName(institution.name()).setCountryCode(institution.countryCode()).build())
                            .toList()));
        }
        List<Topic> topics = work.topics().stream()
                .map(topic -> Topic.newBuilder().setId(topic.openAlexId()).setName(topic.name()).setScore(null)
                        .build())
                .toList();
        return work(work.workId(), work.year(), work.title(), authorships, topics);
    }

    /** The generated author's works, and 300 works of their strongest co-authors with authors they never met. */
    static List<WorkImported> prolificAuthorWorks() {
        List<WorkImported> works = new ArrayList<>();
        List<Institution> institution = List.of(Institution.newBuilder().setId("bench-I1")
                .setName("Benchmark Institute").setCountryCode("SA").build());
        for (int i = 0; i < PROLIFIC_WORKS; i++) {
            List<String> byline = new ArrayList<>(List.of(PROLIFIC_AUTHOR, coauthor(2 * i), coauthor(2 * i + 1)));
            if (!byline.contains(coauthor(i % 10))) {
                byline.add(coauthor(i % 10));
            }
            List<Authorship> authorships = new ArrayList<>();
            for (String author : byline) {
                authorships.add(authorship(authorships.size(), author, "Name of " + author, institution));
            }
            works.add(work("bench-W" + i, 1990 + i % 35, "Generated work " + i, authorships,
                    List.of(Topic.newBuilder().setId("bench-T" + i % 40).setName("Topic " + i % 40).setScore(null)
                            .build())));
        }
        for (int j = 0; j < 300; j++) {
            works.add(work("bench-X" + j, 2024, "Elsewhere " + j, List.of(
                    authorship(0, coauthor(j % 10), "Name of " + coauthor(j % 10), List.of()),
                    authorship(1, "bench-outsider-" + j, "Outsider " + j, List.of())), List.of()));
        }
        return works;
    }

    private static String coauthor(int i) {
        if (i >= PROLIFIC_COAUTHORS) {
            throw new IllegalArgumentException("co-author " + i);
        }
        return "bench-coauthor-" + i;
    }

    private static Authorship authorship(int position, String authorId, String name, List<Institution> institutions) {
        return Authorship.newBuilder().setPosition(position).setAuthorId(authorId).setDisplayName(name)
                .setExternalIds(Map.of()).setInstitutions(institutions).build();
    }

    private static WorkImported work(String workId, Integer year, String title, List<Authorship> authorships,
            List<Topic> topics) {
        return WorkImported.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setWorkId(workId)
                .setVersion(1)
                .setSource("bench")
                .setIdentifiers(WorkIdentifiers.newBuilder().build())
                .setType("article")
                .setPublicationYear(year)
                .setTitle(title)
                .setAuthorships(authorships)
                .setTopics(topics)
                .build();
    }

    private static void publish(String bootstrap, List<WorkImported> works) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (WorkImported work : works) {
                acks.add(producer.send(new ProducerRecord<>(Topics.WORK_IMPORTED.name(), work.getWorkId(),
                        EventCodec.instance().encode(work))));
            }
            for (Future<?> ack : acks) {
                ack.get(2, TimeUnit.MINUTES);
            }
        }
    }

    /** Waits until graph-service stored {@code works} works and derived every pending summary. */
    private static void awaitApplied(String jdbcUrl, long works) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            long stored = number(jdbcUrl, "SELECT count(*) FROM work");
            long pending = number(jdbcUrl, "SELECT count(*) FROM pending_summary");
            if (stored >= works && pending == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("graph-service did not apply " + works + " works within 30 minutes");
    }

    private static List<String> readModelSize(String jdbcUrl) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("read model: %,d works, %,d authors, %,d co-author pairs (both ways), %,d author "
                        + "topics, %,d author institutions", number(jdbcUrl, "SELECT count(*) FROM work"),
                number(jdbcUrl, "SELECT count(*) FROM author"), number(jdbcUrl, "SELECT count(*) FROM coauthor_pair"),
                number(jdbcUrl, "SELECT count(*) FROM author_topic"),
                number(jdbcUrl, "SELECT count(*) FROM author_institution")));
        return lines;
    }

    private static List<String> mostConnected(String jdbcUrl) throws SQLException {
        return strings(jdbcUrl, """
                SELECT author_id FROM coauthor_pair WHERE author_id NOT LIKE 'bench-%%'
                GROUP BY author_id ORDER BY count(*) DESC, author_id LIMIT %d
                """.formatted(MOST_CONNECTED));
    }

    /** {@code count} sample authors drawn with a fixed seed, so runs compare. */
    private static List<String> randomAuthors(String jdbcUrl, int count) throws SQLException {
        List<String> authors = strings(jdbcUrl,
                "SELECT author_id FROM author WHERE author_id NOT LIKE 'bench-%' ORDER BY author_id");
        Random random = new Random(42);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drawn.add(authors.get(random.nextInt(authors.size())));
        }
        return drawn;
    }

    private static long coauthorCount(String jdbcUrl, String author) throws SQLException {
        return number(jdbcUrl, "SELECT count(*) FROM coauthor_pair WHERE author_id = '" + author.replace("'", "''")
                + "'");
    }

    private static long number(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "graph", "graph");
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> strings(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "graph", "graph");
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
