package org.bzpeer.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

/**
 * Several outbox relays on one database (as with several instances of a service) on the real broker and PostgreSQL:
 * every key's events reach Kafka in the order they were committed, each once.
 */
class OutboxRelayOrderingTest {

    private static final String TOPIC = "outbox.ordering.test";
    private static final int KEYS = 12;
    private static final int EVENTS_PER_KEY = 150;

    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<Producer<String, byte[]>> producers = new ArrayList<>();
    private DatabaseClient database;
    private TransactionalOperator transactions;

    @BeforeEach
    void database() {
        DatabaseCoordinates db = TestInfrastructure.database("kit_outbox");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/kit")
                .load().migrate();
        ConnectionFactory connections = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(db.host()).port(db.port()).database(db.name()).username(db.user()).password(db.password())
                .build());
        database = DatabaseClient.create(connections);
        transactions = TransactionalOperator.create(new R2dbcTransactionManager(connections));
        database.sql("DELETE FROM event_outbox").fetch().rowsUpdated().block();
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        producers.forEach(Producer::close);
    }

    @Test
    void threeRelaysPublishEveryKeysEventsOnceAndInCommitOrder() {
        OutboxProperties properties = new OutboxProperties(7, Duration.ofMillis(20), Duration.ofMillis(50),
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(45), true,
                OutboxProperties.FaultInjection.NONE);
        try (TopicRecorder topic = TestEvents.record(TOPIC)) {
            for (int i = 0; i < 3; i++) {
                Producer<String, byte[]> producer = producer();
                producers.add(producer);
                OutboxRelay relay = new OutboxRelay(database, transactions, producer, properties,
                        new SimpleMeterRegistry());
                relays.add(relay);
                relay.start();
            }
            Random random = new Random(11);
            Map<Integer, Integer> next = new HashMap<>();
            int written = 0;
            while (written < KEYS * EVENTS_PER_KEY) {
                List<String> batch = new ArrayList<>();
                for (int i = 1 + random.nextInt(40); i > 0 && written < KEYS * EVENTS_PER_KEY; i--) {
                    int key = random.nextInt(KEYS);
                    int sequence = next.merge(key, 1, Integer::sum);
                    if (sequence > EVENTS_PER_KEY) {
                        continue;
                    }
                    batch.add("k" + key + ":" + sequence);
                    written++;
                }
                commit(batch);
                relays.get(random.nextInt(relays.size())).wakeUp();
            }

            List<ConsumerRecord<String, byte[]>> published = await().atMost(Duration.ofSeconds(90))
                    .until(topic::records, records -> records.size() >= KEYS * EVENTS_PER_KEY);
            Map<String, List<Integer>> sequences = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : published) {
                String[] value = new String(record.value(), StandardCharsets.UTF_8).split(":");
                assertThat(record.key()).isEqualTo(value[0]);
                sequences.computeIfAbsent(value[0], key -> new ArrayList<>()).add(Integer.parseInt(value[1]));
            }
            assertThat(sequences).hasSize(KEYS);
            sequences.forEach((key, values) -> assertThat(values).as("events of %s", key)
                    .hasSize(EVENTS_PER_KEY).isSorted().doesNotHaveDuplicates());
            assertThat(database.sql("SELECT count(*) FROM event_outbox").map(row -> row.get(0, Long.class))
                    .one().block()).isZero();
        }
    }

    /** Commits {@code values} as outbox rows keyed by their prefix, in one transaction. */
    private void commit(List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        transactions.transactional(database.sql("""
                        INSERT INTO event_outbox (topic, event_key, payload)
                        SELECT :topic, split_part(v, ':', 1), convert_to(v, 'UTF8')
                        FROM unnest(CAST(:values AS text[])) WITH ORDINALITY AS u(v, n) ORDER BY n
                        """)
                .bind("topic", TOPIC)
                .bind("values", values.toArray(String[]::new))
                .fetch().rowsUpdated()).block();
    }

    private static Producer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }
}
