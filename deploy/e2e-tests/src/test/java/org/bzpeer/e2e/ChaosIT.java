package org.bzpeer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.bzpeer.bench.chaos.ChaosImport;
import org.bzpeer.bench.chaos.ChaosTable;
import org.bzpeer.bench.chaos.InputLedger;
import org.bzpeer.bench.chaos.ReadModelAudit;
import org.bzpeer.bench.corpus.HandMadeShape;
import org.bzpeer.bench.corpus.SyntheticCorpus;
import org.bzpeer.bench.measure.ImportCounts;
import org.bzpeer.bench.measure.KafkaWatch;
import org.bzpeer.bench.measure.WorkPoster;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The short chaos run of {@code ./mvnw verify} (the long one is {@code deploy/chaos/run}): one instance of each
 * packaged service; synthetic works imported at a steady pace by a patient pipeline (one that sends again whatever
 * was not acknowledged), held back at a third and at two thirds until the fault due there is injected: ingest-service
 * killed with SIGKILL and started again, then PostgreSQL stopped until ingest reports itself not ready and started
 * again. Once the system is quiet, every read model is
 * compared with figures computed from the input alone: nothing acknowledged may be lost, nothing counted twice, and
 * no record dead-lettered. The corpus is drawn from a hand-made shape, so the test runs without {@code ../shared}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosIT {

    private static final int WORKS = 1_500;
    private static final double WORKS_PER_SECOND = 40;
    private static final Duration START_UP = Duration.ofMinutes(4);
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final Duration SETTLING = Duration.ofMinutes(4);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final long startedAt = System.nanoTime();
    private final long startedAtMillis = System.currentTimeMillis();
    private ServiceProcesses services;

    @BeforeAll
    void startServices() {
        services = new ServiceProcesses(SharedData.repositoryRoot(), 1);
        services.startAll(START_UP);
    }

    @AfterAll
    void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void nothingAcknowledgedIsLostOrDoubledThroughASigkillAndAPostgresqlRestart() throws Exception {
        InputLedger ledger = new InputLedger();
        URI ingest = URI.create(services.baseUrl("ingest", 1) + "/");
        WorkPoster poster = WorkPoster.patient(http, () -> ingest, TestTokens.pipelineToken(), RECOVERY);
        ChaosImport chaosImport = new ChaosImport(ledger, poster, WORKS_PER_SECOND, this::seconds);
        SyntheticCorpus corpus = new SyntheticCorpus(HandMadeShape.shape(), SyntheticCorpus.DEFAULT_SEED, WORKS,
                "chaos-it", 6);
        chaosImport.holdAt(WORKS / 3 + ChaosImport.CHUNK);
        CompletableFuture<ImportCounts> imported = CompletableFuture.supplyAsync(() -> {
            try {
                return chaosImport.post(corpus);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        List<ChaosTable.Fault> faults = new ArrayList<>();

        await().atMost(RECOVERY).until(() -> ledger.acknowledgedWorks() >= WORKS / 3);
        faults.add(new ChaosTable.Fault("SIGKILL ingest, restarted", seconds(), chaosImport.inFlight()));
        services.killAndRestart("ingest", 1, RECOVERY);
        chaosImport.holdAt(2 * WORKS / 3 + ChaosImport.CHUNK);

        await().atMost(RECOVERY).until(() -> ledger.acknowledgedWorks() >= 2 * WORKS / 3);
        faults.add(new ChaosTable.Fault("PostgreSQL stopped, restarted", seconds(), chaosImport.inFlight()));
        TestInfrastructure.stopPostgres();
        try {
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                    .until(() -> readinessStatus(ingest) == 503);
        } finally {
            TestInfrastructure.startPostgres();
        }
        chaosImport.holdAt(WORKS);

        ImportCounts counts = imported.get();
        System.out.println("Chaos import: " + counts);
        assertThat(counts.received()).isEqualTo(WORKS);
        assertThat(counts.rejected()).isZero();
        try (Backlog backlog = new Backlog(TestInfrastructure.kafkaBootstrapServers(), ServiceProcesses.SERVICES)) {
            await().atMost(SETTLING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(backlog.settled()).as(backlog::describe).isTrue());
        }

        List<ReadModelAudit.Discrepancy> discrepancies = ReadModelAudit.compare(ledger, service -> {
            TestInfrastructure.DatabaseCoordinates database = TestInfrastructure.database(service);
            return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        });
        List<Double> deadLetters;
        try (KafkaWatch kafka = new KafkaWatch(TestInfrastructure.kafkaBootstrapServers())) {
            deadLetters = kafka.deadLetterTimestamps(TestInfrastructure.kafkaBootstrapServers()).stream()
                    .filter(millis -> millis >= startedAtMillis)
                    .map(millis -> (millis - startedAtMillis) / 1000.0).toList();
        }
        ChaosTable table = ChaosTable.of(faults, discrepancies, deadLetters);
        System.out.print(table);
        assertThat(ledger.works()).hasSize(WORKS);
        assertThat(ledger.acknowledgedWorks()).isEqualTo(WORKS);
        assertThat(faults).allSatisfy(fault -> assertThat(fault.inFlight()).as(fault.name()).isPositive());
        assertThat(discrepancies).as("figures that differ from the input's").isEmpty();
        assertThat(deadLetters).as("dead letters").isEmpty();
    }

    private int readinessStatus(URI instance) {
        try {
            return http.send(HttpRequest.newBuilder(instance.resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private double seconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }
}
