package org.bzpeer.kit.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;

/**
 * A service instance reduced to its outbox relay, with {@code halt-after-publish} injected: run in a JVM of its own by
 * {@link OutboxRelayHaltAfterPublishTest}, it publishes one batch and halts before deleting it.
 * Arguments: database host, port, name, user, password, Kafka bootstrap servers.
 */
public final class HaltingRelay {

    private HaltingRelay() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresqlConnectionFactory connections = new PostgresqlConnectionFactory(
                PostgresqlConnectionConfiguration.builder().host(args[0]).port(Integer.parseInt(args[1]))
                        .database(args[2]).username(args[3]).password(args[4]).build());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[5],
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
        OutboxProperties properties = new OutboxProperties(1000, Duration.ofMillis(50), Duration.ofMillis(50),
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(45), true,
                new OutboxProperties.FaultInjection(true));
        new OutboxRelay(DatabaseClient.create(connections),
                TransactionalOperator.create(new R2dbcTransactionManager(connections)), producer, properties,
                new SimpleMeterRegistry()).start();
        new CountDownLatch(1).await();
    }
}
