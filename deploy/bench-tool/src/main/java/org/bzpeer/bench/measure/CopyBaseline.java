package org.bzpeer.bench.measure;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;

/**
 * The database baseline: PostgreSQL {@code COPY FROM STDIN} (pgjdbc's CopyManager) of a corpus's authorship rows into
 * a scratch table shaped like graph-service's {@code work_author} (same columns, primary key and author index), on
 * the stack's server, in its {@code postgres} database so no service database is touched. What the database can
 * absorb of exactly those rows with no per-row work around it. Each round starts on a new, empty table; the best
 * round counts. A small corpus gets more rounds, so the best of them is not one lucky or unlucky blink.
 */
public final class CopyBaseline {

    private static final String CREATE_SCRATCH_TABLE = """
            CREATE TABLE bench_copy_authorship (
                work_id      TEXT COLLATE "C" NOT NULL,
                author_id    TEXT COLLATE "C" NOT NULL,
                display_name TEXT NOT NULL,
                position     INT  NOT NULL,
                PRIMARY KEY (work_id, author_id)
            );
            CREATE INDEX bench_copy_authorship_author ON bench_copy_authorship (author_id, work_id);
            """;
    private static final String DROP_SCRATCH_TABLE = "DROP TABLE IF EXISTS bench_copy_authorship";
    private static final String COPY_ROWS = "COPY bench_copy_authorship FROM STDIN (FORMAT text)";
    private static final int MAX_ROUNDS = 10;
    private static final double ENOUGH_SECONDS = 20;

    /**
     * The best of the rounds run.
     *
     * @param rows          rows copied per round
     * @param rowsPerSecond rows per second of the best round
     * @param rounds        rounds run
     */
    public record Result(long rows, double rowsPerSecond, int rounds) {
    }

    private CopyBaseline() {
    }

    /** Copies {@code rowsFile} (COPY text format) up to ten times, fewer once the rounds took 20 s together. */
    public static Result run(String jdbcUrl, Path rowsFile) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            double best = 0;
            double spent = 0;
            long rows = 0;
            int rounds = 0;
            while (rounds < MAX_ROUNDS && spent < ENOUGH_SECONDS) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(DROP_SCRATCH_TABLE);
                    statement.execute(CREATE_SCRATCH_TABLE);
                }
                long start = System.nanoTime();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(rowsFile), 1 << 16)) {
                    rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_ROWS, in);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                spent += seconds;
                best = Math.max(best, rows / seconds);
                rounds++;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(DROP_SCRATCH_TABLE);
            }
            return new Result(rows, best, rounds);
        }
    }
}
