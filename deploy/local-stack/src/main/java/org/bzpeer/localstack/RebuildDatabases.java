package org.bzpeer.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates or drops the fresh databases a read-model verification rebuilds into: {@code <service>_rebuild}, owned by
 * the service's own role, so the rebuilding instance can read the live database too. Connects as the local stack's
 * superuser. Run as {@code RebuildDatabases create|drop <port> <service>...}.
 */
public final class RebuildDatabases {

    private RebuildDatabases() {
    }

    /** The database a verification of {@code service} rebuilds into. */
    public static String rebuildDatabase(String service) {
        return service + "_rebuild";
    }

    public static void main(String[] args) throws SQLException {
        if (args.length < 3 || !List.of("create", "drop").contains(args[0])) {
            System.err.println("usage: RebuildDatabases create|drop <port> <service>...");
            System.exit(2);
        }
        boolean create = args[0].equals("create");
        String url = "jdbc:postgresql://127.0.0.1:" + Integer.parseInt(args[1]) + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            for (int i = 2; i < args.length; i++) {
                String service = args[i];
                if (!LocalPostgres.SERVICE_DATABASES.contains(service)) {
                    throw new IllegalArgumentException("Not a service database: " + service);
                }
                String database = rebuildDatabase(service);
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                if (create) {
                    statement.execute("CREATE DATABASE " + database + " OWNER " + service + " ENCODING 'UTF8'");
                    statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC");
                }
            }
        }
    }
}
