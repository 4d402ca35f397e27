package org.bzpeer.ingest.bench;

import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bzpeer.ingest.work.format.ArxivOaiFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.format.XmlWorkFormat;
import org.bzpeer.kit.config.KafkaSettings;
import org.bzpeer.testkit.CpuWatch;
import org.bzpeer.testkit.HeapWatch;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TarGzEntries;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.reactive.function.client.WebClient;

import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.MeterRegistry;

import reactor.core.publisher.Flux;

/**
 * The arXiv OAI set (103 ListRecords pages, 102,538 records) imported through the HTTP API as one import of 103 parts,
 * two at a time, next to the same records only parsed, and StAX alone reading the same bytes, in the same run:
 * records/s to committed (every POST answered) and to published (the outbox drained, no work held for its authors),
 * the CPU per record until settled (also every author block the import marked resolved, so resolution behind the
 * import is counted), and the peak heap
 * of this JVM (service, broker client, the pages held in memory); with pg_stat_statements preloaded, the statements
 * that took PostgreSQL's time. Then a baseline of PostgreSQL alone, the write floor ({@link #copyFloor}): the rows the
 * import keeps, written by COPY into empty copies of its tables, and the import as a ratio of it; a baseline of Kafka
 * alone ({@link #kafkaFloor}); and what the target leaves each record of CPU on this machine against what parsing and
 * the two floors take ({@link #cpuBudget}). Target: the import at 0.5x the parse-only rate or better.
 * Run by {@code deploy/bench/arxiv} ({@code -Dbzpeer.bench.pages=N} in the JVM's arguments takes the first N pages).
 */
@Tag("benchmark")
@ServiceTest
class ArxivImportBenchmark {

    private static final int PARALLEL_PARTS = 2;
    private static final String KAFKA_FLOOR_TOPIC = "bench.kafka-floor";

    @Autowired
    DatabaseClient database;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @Autowired
    Producer<String, byte[]> outboxProducer;

    @Autowired
    Admin kafkaAdmin;

    @Autowired
    KafkaSettings kafkaSettings;

    @Value("${spring.flyway.url}")
    String jdbcUrl;

    @Value("${spring.flyway.user}")
    String jdbcUser;

    @Value("${spring.flyway.password}")
    String jdbcPassword;

    private final StringBuilder report = new StringBuilder();
    private final ArxivOaiFormat format = new ArxivOaiFormat(RecordLimits.defaults());

    @Test
    void importTheOaiSetThroughHttp() throws Exception {
        List<byte[]> pages = new ArrayList<>();
        int wanted = Integer.getInteger("bzpeer.bench.pages", Integer.MAX_VALUE);
        TarGzEntries.forEach(SharedData.require("arxiv/oai-cs-2016/listrecords-pages.tar.gz"),
                name -> pages.size() < wanted, (name, content) -> pages.add(content));
        long bytes = pages.stream().mapToLong(page -> page.length).sum();
        print("arXiv OAI set: %d pages, %.1f MiB, %d cores", pages.size(), bytes / 1048576.0,
                Runtime.getRuntime().availableProcessors());

        rate("baseline   StAX alone reads every element", pages, this::staxOnly);
        int records = (int) rate("baseline   parse only (arxiv-oai format: StAX, mapping, normalising)", pages,
                this::parseOnly)[1];
        CpuWatch parseCpu = CpuWatch.start();
        double parseOnly = rate("baseline   parse only, second round", pages, this::parseOnly)[0];
        double parseMicros = parseCpu.jvm().toNanos() / 1e3 / records;

        WebClient http = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.pipelineToken()).build();
        String importId = JsonPath.read(http.post().uri("/api/v1/imports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"arXiv OAI cs 2016\", \"expectedBytes\": " + bytes + "}")
                .retrieve().bodyToMono(String.class).block(), "$.id");
        boolean statements = trackStatements();
        long[] versionsBefore = recordedVersions();
        double renamedBefore = meters.counter("bzpeer.ingest.resolution.renamed").count();
        double eventsBefore = meters.counter("bzpeer.outbox.published").count();
        double retiredBefore = meters.counter("bzpeer.ingest.resolution.merged").count();
        double committed;
        double settled;
        try (HeapWatch heap = HeapWatch.start()) {
            CpuWatch importCpu = CpuWatch.start();
            long start = System.nanoTime();
            Flux.range(0, pages.size())
                    .flatMap(page -> http.post().uri("/api/v1/imports/{id}/parts?format=arxiv-oai&name=page_{n}.xml",
                                    importId, page + 1)
                            .contentType(MediaType.APPLICATION_XML).bodyValue(pages.get(page))
                            .retrieve().bodyToMono(String.class), PARALLEL_PARTS)
                    .blockLast(Duration.ofHours(2));
            committed = seconds(start);
            await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(1)).until(() -> database
                    .sql("SELECT EXISTS (SELECT 1 FROM event_outbox) OR EXISTS (SELECT 1 FROM held_work) AS waiting")
                    .map(row -> row.get("waiting", Boolean.class)).one().block() == Boolean.FALSE);
            double published = seconds(start);
            await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(1)).until(() -> database
                    .sql("SELECT EXISTS (SELECT 1 FROM event_outbox) OR EXISTS (SELECT 1 FROM unresolved_block) "
                            + "AS waiting").map(row -> row.get("waiting", Boolean.class)).one().block()
                    == Boolean.FALSE);
            settled = seconds(start);
            double jvmMicros = importCpu.jvm().toNanos() / 1e3 / records;
            double postgresMicros = importCpu.postgres().toNanos() / 1e3 / records;
            String summary = http.get().uri("/api/v1/imports/{id}", importId).retrieve().bodyToMono(String.class)
                    .block();
            print("import     %s records received, %s created, %s rejected; POST -> committed %.1f s = %,.0f "
                            + "records/s (%.2fx of parse only); -> published %.1f s = %,.0f records/s (%.2fx)",
                    JsonPath.read(summary, "$.counts.received"), JsonPath.read(summary, "$.counts.created"),
                    JsonPath.read(summary, "$.counts.rejected"), committed, records / committed,
                    records / committed / parseOnly, published, records / published, records / published / parseOnly);
            print("settled    %.1f s after the first POST: outbox drained and every marked author block resolved",
                    settled);
            print("cpu        per record, POST to settled: this JVM %.0f µs (service, broker, client) + PostgreSQL "
                    + "%.0f µs = %.1fx the CPU of parsing it (%.0f µs); CPU time hardly moves with other load on the "
                    + "machine", jvmMicros, postgresMicros, (jvmMicros + postgresMicros) / parseMicros, parseMicros);
            long[] versions = recordedVersions();
            print("versions   %,.0f events published (work.imported and author.merged) for %,d works; %,d work "
                            + "versions recorded; author resolution re-assigned %,.0f authorships and retired %,.0f "
                            + "author ids", meters.counter("bzpeer.outbox.published").count() - eventsBefore,
                    versions[1] - versionsBefore[1], versions[0] - versionsBefore[0],
                    meters.counter("bzpeer.ingest.resolution.renamed").count() - renamedBefore,
                    meters.counter("bzpeer.ingest.resolution.merged").count() - retiredBefore);
            print("memory     %s (this JVM: service, broker client, embedded PostgreSQL client, %.0f MiB of pages "
                    + "held by the benchmark)", heap.summary(), bytes / 1048576.0);
        }
        if (statements) {
            printStatements();
        }
        Floor copy = copyFloor(records, parseOnly);
        Floor kafka = kafkaFloor(parseOnly);
        print("ratio      import to committed at %.2fx of the COPY floor; to settled at %.2fx",
                records / committed / copy.recordsPerSecond(), records / settled / copy.recordsPerSecond());
        print("target     import >= 0.5x parse only");
        cpuBudget(parseOnly, parseMicros, copy, kafka);
        Path out = Path.of("target/benchmark/arxiv-import.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /**
     * The write floor, a baseline of PostgreSQL alone: the rows the import left in its tables (works with their
     * content, identifiers, title keys, author mentions) and one outbox row per work (its content as the payload),
     * written with COPY into empty copies of those tables with the same indexes, in one transaction per table, as
     * binary COPY streams read back from the tables beforehand. Prints it and answers it with PostgreSQL's CPU per
     * record. What the import writes
     * besides (events later deleted, work versions replaced, held works, marked blocks, import reports) is left out,
     * so the floor is above what this design could reach.
     */
    private Floor copyFloor(int records, double parseOnly) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("work", "SELECT * FROM work");
        sources.put("work_identifier", "SELECT * FROM work_identifier");
        sources.put("work_title_key", "SELECT * FROM work_title_key");
        sources.put("author_mention", "SELECT * FROM author_mention");
        sources.put("event_outbox", "SELECT nextval('event_outbox_id_seq'), 'work.imported', work_id, content, now(), "
                + "NULL::timestamptz, NULL::text FROM work");
        Path dir = Files.createTempDirectory("copy-floor");
        long rows = 0;
        long bytes = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword)) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                try (OutputStream out = Files.newOutputStream(dir.resolve(source.getKey()))) {
                    rows += copy.copyOut("COPY (" + source.getValue() + ") TO STDOUT (FORMAT binary)", out);
                }
                bytes += Files.size(dir.resolve(source.getKey()));
                execute(connection, "CREATE TABLE floor_" + source.getKey() + " (LIKE " + source.getKey()
                        + " INCLUDING ALL)");
            }
            CpuWatch cpu = CpuWatch.start();
            long start = System.nanoTime();
            StringBuilder perTable = new StringBuilder();
            for (String table : sources.keySet()) {
                long tableStart = System.nanoTime();
                try (InputStream in = Files.newInputStream(dir.resolve(table))) {
                    long copied = copy.copyIn("COPY floor_" + table + " FROM STDIN (FORMAT binary)", in);
                    perTable.append(String.format(Locale.ROOT, "%s%s %,d rows %.1f s", perTable.isEmpty() ? "" : "; ",
                            table, copied, seconds(tableStart)));
                }
            }
            double seconds = seconds(start);
            double postgresMicros = cpu.postgres().toNanos() / 1e3 / records;
            for (String table : sources.keySet()) {
                execute(connection, "DROP TABLE floor_" + table);
            }
            print("baseline   PostgreSQL COPY of the rows the import keeps (%,d rows, %.0f MiB: works, identifiers, "
                            + "title keys, author mentions, one outbox row a work) into empty tables with the same "
                            + "indexes: %.1f s = %,.0f records/s (%.2fx of parse only); PostgreSQL CPU %.0f µs per "
                            + "record (%s)", rows, bytes / 1048576.0, seconds, records / seconds,
                    records / seconds / parseOnly, postgresMicros, perTable);
            return new Floor(records / seconds, postgresMicros);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /**
     * The publishing floor, a baseline of Kafka alone: one record per work, its content as the value (about the size
     * of its {@code work.imported} event), sent with the outbox relay's own producer (acks=all, idempotent, lz4,
     * {@code KafkaConfiguration}'s batches) to a topic with the partitions of the service's topics on the in-JVM
     * broker; the payloads are read from a file written beforehand. Prints it and answers it with this JVM's CPU per
     * record (producer and broker).
     */
    private Floor kafkaFloor(double parseOnly) throws Exception {
        Path payloads = Files.createTempFile("kafka-floor", ".bin");
        try {
            int works = 0;
            try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                            Files.newOutputStream(payloads)))) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.setFetchSize(1_000);
                    ResultSet rows = statement.executeQuery("SELECT work_id, content FROM work");
                    while (rows.next()) {
                        out.writeUTF(rows.getString(1));
                        byte[] content = rows.getString(2).getBytes(StandardCharsets.UTF_8);
                        out.writeInt(content.length);
                        out.write(content);
                        works++;
                    }
                }
            }
            createLedTopic();
            long bytes = 0;
            CpuWatch cpu = CpuWatch.start();
            long start = System.nanoTime();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(payloads)))) {
                List<Future<RecordMetadata>> sent = new ArrayList<>(works);
                for (int i = 0; i < works; i++) {
                    String key = in.readUTF();
                    byte[] value = in.readNBytes(in.readInt());
                    bytes += value.length;
                    sent.add(outboxProducer.send(new ProducerRecord<>(KAFKA_FLOOR_TOPIC, key, value)));
                }
                outboxProducer.flush();
                for (Future<RecordMetadata> acknowledged : sent) {
                    acknowledged.get();
                }
            }
            double seconds = seconds(start);
            double jvmMicros = cpu.jvm().toNanos() / 1e3 / works;
            kafkaAdmin.deleteTopics(List.of(KAFKA_FLOOR_TOPIC)).all().get(30, TimeUnit.SECONDS);
            print("baseline   Kafka alone: %,d records (one a work, its content as the value, %.0f MiB) sent with the "
                            + "outbox producer (acks=all, idempotent, lz4) and acknowledged: %.1f s = %,.0f records/s "
                            + "(%.2fx of parse only); CPU of this JVM (producer and broker) %.0f µs per record",
                    works, bytes / 1048576.0, seconds, works / seconds, works / seconds / parseOnly, jvmMicros);
            return new Floor(works / seconds, jvmMicros);
        } finally {
            Files.deleteIfExists(payloads);
        }
    }

    /**
     * Creates the Kafka floor's topic and waits until every partition has a leader and has taken a record: a record
     * sent sooner is refused as sent to no leader, and the producer's retry would be timed with the floor.
     */
    private void createLedTopic() throws Exception {
        int partitions = kafkaSettings.partitions();
        kafkaAdmin.createTopics(List.of(new NewTopic(KAFKA_FLOOR_TOPIC, partitions,
                kafkaSettings.replicationFactor()))).all().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofMinutes(1)).until(() -> kafkaAdmin.describeTopics(List.of(KAFKA_FLOOR_TOPIC))
                .allTopicNames().get().get(KAFKA_FLOOR_TOPIC).partitions().stream()
                .allMatch(partition -> partition.leader() != null));
        for (int partition = 0; partition < partitions; partition++) {
            outboxProducer.send(new ProducerRecord<>(KAFKA_FLOOR_TOPIC, partition, "warm-up", new byte[0]))
                    .get(1, TimeUnit.MINUTES);
        }
    }

    /**
     * What the target allows each record on this machine, against what the floors measured in this run take: at
     * half the parse-only rate every core busy all the time may spend {@code cores / rate} of CPU on a record; a
     * record is at least parsed once, written by PostgreSQL at the COPY floor's cost and published at Kafka's.
     */
    private void cpuBudget(double parseOnly, double parseMicros, Floor copy, Floor kafka) {
        int cores = Runtime.getRuntime().availableProcessors();
        double budgetMicros = cores * 1e6 / (0.5 * parseOnly);
        double leastMicros = parseMicros + copy.cpuMicros() + kafka.cpuMicros();
        print("budget     at 0.5x of parse only (%,.0f records/s) %d cores allow %.0f µs of CPU per record; parsing "
                        + "(%.0f µs) + the COPY floor (%.0f µs) + Kafka alone (%.0f µs) take %.0f µs = %.2fx of the "
                        + "budget, before any look-up, HTTP, de-duplication or resolution", 0.5 * parseOnly, cores,
                budgetMicros, parseMicros, copy.cpuMicros(), kafka.cpuMicros(), leastMicros,
                leastMicros / budgetMicros);
    }

    /** A baseline's rate and the CPU it spent per record. */
    private record Floor(double recordsPerSecond, double cpuMicros) {
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Work versions recorded so far (each work's last version number, summed) and works. */
    private long[] recordedVersions() {
        return database.sql("SELECT coalesce(sum(version), 0) AS versions, count(*) AS works FROM work")
                .map(row -> new long[] {row.get("versions", Long.class), row.get("works", Long.class)}).one()
                .block();
    }

    /**
     * Whether PostgreSQL tracks statements (pg_stat_statements preloaded, e.g. by
     * {@code -Dbzpeer.test.postgres.settings=shared_preload_libraries=pg_stat_statements}); if so, starts afresh.
     */
    private boolean trackStatements() {
        boolean preloaded = database.sql("SELECT current_setting('shared_preload_libraries') AS loaded")
                .map(row -> row.get("loaded", String.class)).one().block().contains("pg_stat_statements");
        if (preloaded) {
            database.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").then().block();
            database.sql("SELECT pg_stat_statements_reset()").then().block();
        }
        return preloaded;
    }

    /** The statements of this database that took most of PostgreSQL's time since {@link #trackStatements()}. */
    private void printStatements() {
        database.sql("""
                        SELECT calls, rows, total_exec_time, query FROM pg_stat_statements
                        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                        ORDER BY total_exec_time DESC LIMIT 25""")
                .map(row -> String.format(Locale.ROOT, "statement  %8.0f ms %7d calls %9d rows  %s",
                        row.get("total_exec_time", Double.class), row.get("calls", Long.class),
                        row.get("rows", Long.class), row.get("query", String.class).replaceAll("\\s+", " ")))
                .all().toStream().forEach(line -> print("%s", line.substring(0, Math.min(line.length(), 230))));
    }

    /** Reads every page with {@code reader}; returns records/s and records. */
    private double[] rate(String label, List<byte[]> pages, PageReader reader) throws Exception {
        long start = System.nanoTime();
        long records = 0;
        for (byte[] page : pages) {
            records += reader.records(page);
        }
        double seconds = seconds(start);
        print("%s: %,d records in %.1f s = %,.0f records/s", label, records, seconds, records / seconds);
        return new double[] {records / seconds, records};
    }

    private long staxOnly(byte[] page) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(page));
        long records = 0;
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("record")) {
                records++;
            } else if (xml.getEventType() == XMLStreamConstants.CHARACTERS) {
                xml.getText();
            }
        }
        xml.close();
        return records;
    }

    private long parseOnly(byte[] page) throws Exception {
        long records = 0;
        try (XmlWorkFormat.Records reader = format.open(new ByteArrayInputStream(page))) {
            for (var record = reader.next(); record != null; record = reader.next()) {
                records++;
            }
        }
        return records;
    }

    private void print(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        report.append(line).append('\n');
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @FunctionalInterface
    private interface PageReader {
        long records(byte[] page) throws Exception;
    }
}
