package org.bzpeer.bench.measure;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JDBC connections to the service databases of the local stack (database, role and password all named after the
 * service) and the questions the benchmark asks them: how many works each read model holds, which of some works it
 * holds, how many rows its read-model tables hold, and whether anything is still waiting to be published or derived.
 *
 * <p>Each method is synchronized: an instance is one connection per database, shared by the threads that use it.
 */
public final class ServiceDatabases implements AutoCloseable {

    /** Where the local stack's PostgreSQL listens. */
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:54329/";

    /**
     * Tables that hold work not yet done: events not yet published, summaries and assessments not yet recomputed.
     * A table that does not exist (yet) in a database is skipped.
     */
    public static final List<String> BACKLOG_TABLES = List.of("event_outbox", "pending_summary", "pending_assessment");

    /** Bookkeeping tables, left out of the read-model row count. */
    private static final Set<String> NOT_READ_MODEL =
            Set.of("flyway_schema_history", "event_outbox", "dead_letter_replay", "pending_summary",
                    "pending_assessment");

    private static final String COUNT_WORKS = "SELECT count(*) FROM work";
    private static final String WORKS_AMONG = "SELECT work_id FROM work WHERE work_id = ANY (?)";
    private static final String WORK_BY_DOI = """
            SELECT work_id FROM work_identifier WHERE scheme = 'doi' AND value = ?
            """;
    private static final String PUBLIC_TABLES = """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            ORDER BY table_name
            """;
    private static final String SOME_AUTHORS = """
            SELECT author_id FROM author ORDER BY md5(author_id) LIMIT ?
            """;
    private static final String SOME_AUTHOR_NAMES = """
            SELECT author_id, display_name FROM author ORDER BY md5(author_id) LIMIT ?
            """;

    private final Map<String, Connection> connections = new LinkedHashMap<>();

    public ServiceDatabases(Collection<String> services) throws SQLException {
        this(SERVER, services);
    }

    /** Connections to the databases of {@code services} on the PostgreSQL at {@code server} (a JDBC URL up to "/"). */
    public ServiceDatabases(String server, Collection<String> services) throws SQLException {
        for (String service : services) {
            connections.put(service, DriverManager.getConnection(server + service, service, service));
        }
    }

    public synchronized long workCount(String service) throws SQLException {
        try (Statement statement = connection(service).createStatement();
                ResultSet rows = statement.executeQuery(COUNT_WORKS)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Which of {@code workIds} the {@code work} table of {@code service} holds. */
    public synchronized Set<String> worksAmong(String service, Collection<String> workIds) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement statement = connection(service).prepareStatement(WORKS_AMONG)) {
            Array ids = connection(service).createArrayOf("text", workIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /** The id ingest gave the work known by {@code doi}, if it knows one. */
    public synchronized Optional<String> ingestWorkIdByDoi(String doi) throws SQLException {
        try (PreparedStatement statement = connection("ingest").prepareStatement(WORK_BY_DOI)) {
            statement.setString(1, doi);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Up to {@code count} author ids of profile's read model, the same ones for the same data. */
    public synchronized List<String> someProfileAuthors(int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = connection("profile").prepareStatement(SOME_AUTHORS)) {
            statement.setInt(1, count);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** Up to {@code count} authors of profile's read model by id, with their names; the same for the same data. */
    public synchronized Map<String, String> someProfileAuthorNames(int count) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        try (PreparedStatement statement = connection("profile").prepareStatement(SOME_AUTHOR_NAMES)) {
            statement.setInt(1, count);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return names;
    }

    /** Rows of every read-model table of {@code service} (every table but bookkeeping), by table name. */
    public synchronized Map<String, Long> readModelRows(String service) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : tables(service)) {
            if (!NOT_READ_MODEL.contains(table)) {
                out.put(table, count(service, table));
            }
        }
        return out;
    }

    /** Rows in the {@link #BACKLOG_TABLES} of every database, as {@code service.table}, for the tables that exist. */
    public synchronized Map<String, Long> backlog() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String service : connections.keySet()) {
            List<String> tables = tables(service);
            for (String table : BACKLOG_TABLES) {
                if (tables.contains(table)) {
                    out.put(service + "." + table, count(service, table));
                }
            }
        }
        return out;
    }

    private List<String> tables(String service) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection(service).createStatement();
                ResultSet rows = statement.executeQuery(PUBLIC_TABLES)) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** Counts the rows of a table whose name came from information_schema (quoted, so any name is safe). */
    private long count(String service, String table) throws SQLException {
        try (Statement statement = connection(service).createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connection(String service) {
        Connection connection = connections.get(service);
        if (connection == null) {
            throw new IllegalArgumentException("no connection to the " + service + " database");
        }
        return connection;
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection connection : connections.values()) {
            connection.close();
        }
    }
}
