package org.bzpeer.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestInfrastructure.DatabaseCoordinates;
import org.bzpeer.testkit.TopicRecorder;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;

/**
 * The chaos-testing fault {@code bzpeer.outbox.fault-injection.halt-after-publish}, for real: a relay in a JVM of its
 * own publishes a batch and halts before deleting it; the batch is then on the broker and still in the outbox, and the
 * relay of the restarted instance publishes it again, whole, in the same order and with the same keys and payloads,
 * which consumers absorb since they apply an aggregate's event only when it is newer than what they hold.
 */
class OutboxRelayHaltAfterPublishTest {

    private static final String TOPIC = "outbox.halt.test";
    private static final int EVENTS = 40;

    @Test
    void aRelayHaltedBetweenPublishAndDeleteLeavesTheBatchToBePublishedAgainWhole() throws Exception {
        DatabaseCoordinates db = TestInfrastructure.database("kit_outbox_halt");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/kit")
                .load().migrate();
        PostgresqlConnectionFactory connections = new PostgresqlConnectionFactory(
                PostgresqlConnectionConfiguration.builder().host(db.host()).port(db.port()).database(db.name())
                        .username(db.user()).password(db.password()).build());
        DatabaseClient database = DatabaseClient.create(connections);
        TransactionalOperator transactions = TransactionalOperator.create(new R2dbcTransactionManager(connections));
        List<String> values = IntStream.range(0, EVENTS).mapToObj(i -> "k" + i % 5 + ":" + i).toList();
        database.sql("""
                        INSERT INTO event_outbox (topic, event_key, payload)
                        SELECT :topic, split_part(v, ':', 1), convert_to(v, 'UTF8')
                        FROM unnest(CAST(:values AS text[])) WITH ORDINALITY AS u(v, n) ORDER BY n
                        """)
                .bind("topic", TOPIC).bind("values", values.toArray(String[]::new)).fetch().rowsUpdated().block();

        try (TopicRecorder topic = TestEvents.record(TOPIC)) {
            Process halting = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                    HaltingRelay.class.getName(), db.host(), String.valueOf(db.port()), db.name(), db.user(),
                    db.password(), TestInfrastructure.kafkaBootstrapServers())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(halting.waitFor(90, TimeUnit.SECONDS)).as("the relay halted").isTrue();
            assertThat(halting.exitValue()).isEqualTo(OutboxRelay.FAULT_INJECTION_HALT_STATUS);

            List<String> firstPublication = await().atMost(Duration.ofSeconds(30))
                    .until(() -> published(topic.records()), published -> published.size() == EVENTS);
            assertThat(byKey(firstPublication)).isEqualTo(byKey(values));
            assertThat(outboxRows(database)).as("acknowledged by the broker, never deleted").isEqualTo(EVENTS);

            Producer<String, byte[]> producer = producer();
            OutboxRelay restarted = new OutboxRelay(database, transactions, producer, new OutboxProperties(1000,
                    Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30),
                    Duration.ofSeconds(45),
                    true, OutboxProperties.FaultInjection.NONE), new SimpleMeterRegistry());
            try {
                restarted.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(database) == 0);
            } finally {
                restarted.stop();
                producer.close();
            }
            List<String> both = await().atMost(Duration.ofSeconds(30))
                    .until(() -> published(topic.records()), published -> published.size() >= 2 * EVENTS);
            assertThat(both).hasSize(2 * EVENTS);
            Map<String, List<String>> twice = new TreeMap<>();
            byKey(values).forEach((key, events) -> {
                List<String> again = new ArrayList<>(events);
                again.addAll(events);
                twice.put(key, again);
            });
            assertThat(byKey(both)).as("published again, whole and in each key's order").isEqualTo(twice);
        }
    }

    /** The values grouped by key (the part before ':'), in order: the order Kafka keeps, within a key's partition. */
    private static Map<String, List<String>> byKey(List<String> values) {
        Map<String, List<String>> grouped = new TreeMap<>();
        values.forEach(value -> grouped.computeIfAbsent(value.split(":")[0], key -> new ArrayList<>()).add(value));
        return grouped;
    }

    /** The records' values, each checked to carry the key it was recorded with. */
    private static List<String> published(List<ConsumerRecord<String, byte[]>> records) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(record.key()).isEqualTo(value.split(":")[0]);
            values.add(value);
        }
        return values;
    }

    private static long outboxRows(DatabaseClient database) {
        return database.sql("SELECT count(*) FROM event_outbox").map(row -> row.get(0, Long.class)).one().block();
    }

    private static String javaCommand() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static Producer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }
}
