package org.bzpeer.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart on the same data directory keeps the data, and each service reaches only its own database. */
class LocalPostgresTest {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsDataAcrossRestartsAndGivesEachServiceItsOwnDatabase() throws Exception {
        int port = freePort();

        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory, port)) {
            postgres.ensureServiceDatabases();
            for (String service : LocalPostgres.SERVICE_DATABASES) {
                try (Connection connection = connect(postgres, service, service, service)) {
                    assertThat(connection.getMetaData().getUserName()).isEqualTo(service);
                }
            }
            try (Connection ingest = connect(postgres, "ingest", "ingest", "ingest");
                    Statement statement = ingest.createStatement()) {
                statement.execute("CREATE TABLE kept (name text)");
                statement.execute("INSERT INTO kept VALUES ('survives a restart')");
            }
            assertThatThrownBy(() -> connect(postgres, "ingest", "ingest", "wrong")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(postgres, "ingest", "profile", "profile")).isInstanceOf(SQLException.class);
        }
        assertThat(isOpen(port)).as("port closed after stop").isFalse();

        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory, port)) {
            postgres.ensureServiceDatabases();
            try (Connection ingest = connect(postgres, "ingest", "ingest", "ingest");
                    Statement statement = ingest.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("survives a restart");
            }
        }
    }

    @Test
    void keepsPostgresDurableDefaults() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory, freePort())) {
            postgres.ensureServiceDatabases();
            try (Connection ingest = connect(postgres, "ingest", "ingest", "ingest");
                    Statement statement = ingest.createStatement()) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                        value.next();
                        assertThat(value.getString(1)).as(setting).isEqualTo("on");
                    }
                }
            }
        }
    }

    private static Connection connect(LocalPostgres postgres, String database, String user, String password)
            throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), user, password);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isOpen(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
