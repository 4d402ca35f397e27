package org.bzpeer.kit.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a service's read model shows: every table of its database with its rows as sorted text, leaving out what
 * only counts history. Left out are the machinery tables ({@code flyway_schema_history}, {@code event_outbox},
 * {@code dead_letter_replay}, the {@code pending_*} queues), the {@link #BOOKKEEPING_COLUMNS bookkeeping columns},
 * and any {@code sourceTables} the caller names (data the service owns and cannot rebuild from topics). Two
 * snapshots are equal when the read models show the same thing, whatever history produced them.
 */
public final class ReadModelSnapshot {

    /** Columns that count history rather than state: revisions and the times rows were written. */
    public static final Set<String> BOOKKEEPING_COLUMNS = Set.of("revision", "page_revision", "computed_at",
            "updated_at");

    private static final String COLUMNS = """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public'
              AND table_name NOT IN ('flyway_schema_history', 'event_outbox', 'dead_letter_replay')
              AND table_name NOT LIKE 'pending\\_%'
            ORDER BY table_name, ordinal_position
            """;

    private static final String PENDING_QUEUES = """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_name LIKE 'pending\\_%'
            """;

    private ReadModelSnapshot() {
    }

    /** The snapshot of the database at {@code jdbcUrl}. */
    public static Map<String, List<String>> take(String jdbcUrl, String user, String password,
            Set<String> sourceTables) {
        return take(jdbcUrl, user, password, sourceTables, Set.of());
    }

    /** The snapshot of the database at {@code jdbcUrl}, also leaving out the service's own {@code historyColumns}. */
    public static Map<String, List<String>> take(String jdbcUrl, String user, String password,
            Set<String> sourceTables, Set<String> historyColumns) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            Map<String, List<String>> columnsByTable = new TreeMap<>();
            try (ResultSet columns = statement.executeQuery(COLUMNS)) {
                while (columns.next()) {
                    String table = columns.getString(1);
                    String column = columns.getString(2);
                    if (!sourceTables.contains(table) && !BOOKKEEPING_COLUMNS.contains(column)
                            && !historyColumns.contains(column)) {
                        columnsByTable.computeIfAbsent(table, name -> new ArrayList<>()).add(column);
                    }
                }
            }
            Map<String, List<String>> snapshot = new TreeMap<>();
            for (Map.Entry<String, List<String>> table : columnsByTable.entrySet()) {
                snapshot.put(table.getKey(), rows(statement, table.getKey(), table.getValue()));
            }
            return snapshot;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the read model at " + jdbcUrl, e);
        }
    }

    /**
     * The differences between two snapshots, one line each: a row only in {@code expected} ({@code - table: row}) or
     * only in {@code actual} ({@code + table: row}); empty when they are equal.
     */
    public static List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> differences = new ArrayList<>();
        Set<String> tables = new TreeSet<>(expected.keySet());
        tables.addAll(actual.keySet());
        for (String table : tables) {
            Set<String> missing = new TreeSet<>(expected.getOrDefault(table, List.of()));
            Set<String> extra = new TreeSet<>(actual.getOrDefault(table, List.of()));
            Set<String> common = new TreeSet<>(missing);
            common.retainAll(extra);
            missing.removeAll(common);
            extra.removeAll(common);
            missing.forEach(row -> differences.add("- " + table + ": " + row));
            extra.forEach(row -> differences.add("+ " + table + ": " + row));
        }
        return differences;
    }

    /** Rows waiting in the {@code pending_*} derivation queues of the database at {@code jdbcUrl}. */
    public static long pendingDerivations(String jdbcUrl, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            List<String> queues = new ArrayList<>();
            try (ResultSet tables = statement.executeQuery(PENDING_QUEUES)) {
                while (tables.next()) {
                    queues.add(tables.getString(1));
                }
            }
            long pending = 0;
            for (String queue : queues) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + queue)) {
                    count.next();
                    pending += count.getLong(1);
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the pending derivations at " + jdbcUrl, e);
        }
    }

    private static List<String> rows(Statement statement, String table, List<String> columns) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(
                "SELECT " + String.join(", ", columns) + " FROM " + table)) {
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns.size(); i++) {
                    row.append(i > 1 ? " | " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        Collections.sort(rows);
        return rows;
    }
}
