package org.bzpeer.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL for the local stack, started from the zonky binaries (no installation, no Docker), with one
 * database and one login role per service.
 *
 * <p>Invariants: PostgreSQL's durable defaults hold (fsync, synchronous_commit and full_page_writes on), so a
 * committed transaction survives a crash of PostgreSQL or of the machine; the data directory is never wiped, so
 * databases survive restarts; every service database is owned by a role of the same name whose password is that name
 * (local development only), and only that role (and the superuser) may connect to it. Ensuring the databases is
 * idempotent.
 *
 * <p>Run as {@code LocalPostgres <data-dir> [port]}; it prints {@value #READY_LINE_PREFIX}{@code <port>} when
 * ready and stops PostgreSQL on SIGTERM or SIGINT.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The port the local stack uses, away from a system PostgreSQL's 5432. */
    public static final int DEFAULT_PORT = 54329;

    /** One database, and one role of the same name, per service. */
    public static final List<String> SERVICE_DATABASES = List.of("ingest", "profile", "graph", "trust");

    static final String READY_LINE_PREFIX = "postgres ready on port ";

    /**
     * The superuser connects without a password (zonky's own readiness check needs that); service roles must
     * present their password, so a service with wrong credentials fails here as it would anywhere else.
     */
    private static final String CLIENT_AUTHENTICATION = """
            local all postgres              trust
            host  all postgres 127.0.0.1/32 trust
            host  all postgres ::1/128      trust
            local all all                   scram-sha-256
            host  all all      127.0.0.1/32 scram-sha-256
            host  all all      ::1/128      scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts PostgreSQL on {@code dataDirectory}, creating the cluster on first use and reusing it afterwards. */
    public static LocalPostgres start(Path dataDirectory, int port) throws IOException {
        Path directory = dataDirectory.toAbsolutePath();
        Files.createDirectories(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky starts the server with -F (no fsync), made for throw-away test databases; this one is kept,
                // and what a service acknowledged must survive a crash: PostgreSQL's durable defaults, said outright.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new LocalPostgres(postgres, directory);
    }

    /** Creates what is missing of the service roles and databases and restricts who may connect to them. */
    public void ensureServiceDatabases() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String name : SERVICE_DATABASES) {
                String role = quoteIdentifier(name);
                String password = quoteLiteral(name);
                if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                    statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD " + password);
                } else {
                    statement.execute("ALTER ROLE " + role + " LOGIN PASSWORD " + password);
                }
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                    statement.execute("CREATE DATABASE " + role + " OWNER " + role + " ENCODING 'UTF8'");
                } else {
                    statement.execute("ALTER DATABASE " + role + " OWNER TO " + role);
                }
                statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + role + " FROM PUBLIC");
            }
            requirePasswordsForServiceRoles(statement);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** A JDBC URL for {@code database} on this server, for tools and tests. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Stops PostgreSQL (fast shutdown: open sessions are ended, committed data is kept). */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LocalPostgres <data-dir> [port, default " + DEFAULT_PORT + "]");
            System.exit(2);
        }
        Path dataDirectory = Path.of(args[0]);
        int port = args.length == 2 ? Integer.parseInt(args[1]) : DEFAULT_PORT;

        LocalPostgres postgres = start(dataDirectory, port);
        // zonky registers a shutdown hook of its own too; closing twice is a no-op.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping postgres");
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "local-postgres-stop"));
        postgres.ensureServiceDatabases();
        System.out.println(READY_LINE_PREFIX + port);
        new CountDownLatch(1).await();
    }

    private void requirePasswordsForServiceRoles(Statement statement) throws SQLException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try {
            if (!CLIENT_AUTHENTICATION.equals(Files.readString(hba, StandardCharsets.UTF_8))) {
                Files.writeString(hba, CLIENT_AUTHENTICATION, StandardCharsets.UTF_8);
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + hba, e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
