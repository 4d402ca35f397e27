package org.bzpeer.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bzpeer.testkit.TestInfrastructure.DatabaseCoordinates;

/**
 * The content of a service's read model: for each table, its rows as text, sorted, over the columns that carry
 * content (bookkeeping such as revisions and timestamps left out, since they count history). Two snapshots are equal
 * when the read models show the same thing.
 */
public final class ReadModelSnapshot {

    private ReadModelSnapshot() {
    }

    /** The rows of each table of {@code columnsByTable} (table name to a select list), in {@code database}. */
    public static Map<String, List<String>> take(DatabaseCoordinates database, Map<String, String> columnsByTable) {
        Map<String, List<String>> snapshot = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> table : columnsByTable.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery(
                        "SELECT " + table.getValue() + " FROM " + table.getKey())) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(i > 1 ? " | " : "").append(result.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                snapshot.put(table.getKey(), rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the read model of " + database.name(), e);
        }
        return snapshot;
    }

    /** How many rows {@code table} has in {@code database}. */
    public static long count(DatabaseCoordinates database, String table) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count " + table + " in " + database.name(), e);
        }
    }

    /** Empties every table of {@code tables} in {@code database}, for the next history. */
    public static void clear(DatabaseCoordinates database, List<String> tables) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clear the read model of " + database.name(), e);
        }
    }
}
