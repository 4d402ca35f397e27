package org.bzpeer.bench.chaos;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.bench.chaos.InputLedger.ExternalId;

/**
 * Compares every read model with the figures an {@link InputLedger} computed from the input: every work sent is in
 * ingest and in the {@code work} table of profile, graph and trust; every identified author has, in profile, graph and
 * trust, exactly their works and co-authors, and in profile and trust exactly their followers. Works are found by
 * their external ids through ingest's identifier table, authors through profile's external ids: BZPEER ids are
 * assigned by ingest, and the audit does not depend on how.
 *
 * <p>A figure below the expected one counts its shortfall as lost, one above counts its excess as doubled.
 */
public final class ReadModelAudit {

    /** Opens a JDBC connection to a service's database. */
    @FunctionalInterface
    public interface Databases {
        Connection open(String service) throws SQLException;
    }

    /**
     * A figure that differs from the one computed from the input.
     *
     * @param readModel the service whose read model holds it
     * @param figure    what was counted
     * @param subject   the work or author, by external id
     * @param expected  the figure computed from the input
     * @param actual    the figure in the read model
     * @param touchedAt when the input last touched the subject, in seconds since the run started
     */
    public record Discrepancy(String readModel, String figure, String subject, long expected, long actual,
            double touchedAt) {

        public long lost() {
            return Math.max(0, expected - actual);
        }

        public long doubled() {
            return Math.max(0, actual - expected);
        }

        @Override
        public String toString() {
            return readModel + " " + figure + " of " + subject + ": expected " + expected + ", found " + actual;
        }
    }

    private static final String AUTHOR_IDS = """
            SELECT scheme, value, author_id FROM author_external_id WHERE scheme IN ('openalex', 'orcid')
            """;
    private static final String WORK_IDS = """
            SELECT scheme, value, work_id FROM work_identifier WHERE scheme IN ('openalex', 'doi')
            """;
    private static final String WORKS_AMONG = "SELECT work_id FROM work WHERE work_id = ANY (?)";

    /** Per-author figures of each read model: a query yielding (author_id, figure) for the author ids in ?. */
    private static final List<Figure> FIGURES = List.of(
            new Figure("profile", "works", InputLedger::works, """
                    SELECT author_id, count(*) FROM authorship WHERE author_id = ANY (?) GROUP BY author_id"""),
            new Figure("profile", "co-authors", InputLedger::coauthors, """
                    SELECT author_id, coauthor_count FROM author_graph_summary WHERE author_id = ANY (?)"""),
            new Figure("profile", "followers", InputLedger::followers, """
                    SELECT author_id, count(*) FROM author_follow WHERE author_id = ANY (?) GROUP BY author_id"""),
            new Figure("graph", "works", InputLedger::works, """
                    SELECT author_id, count(*) FROM work_author WHERE author_id = ANY (?) GROUP BY author_id"""),
            new Figure("graph", "summary works", InputLedger::works, """
                    SELECT author_id, work_count FROM author_graph_summary WHERE author_id = ANY (?)"""),
            new Figure("graph", "co-authors", InputLedger::coauthors, """
                    SELECT author_id, coauthor_count FROM author_graph_summary WHERE author_id = ANY (?)"""),
            new Figure("trust", "works", InputLedger::works, """
                    SELECT author_id, count(*) FROM authorship WHERE author_id = ANY (?) GROUP BY author_id"""),
            new Figure("trust", "summary works", InputLedger::works, """
                    SELECT author_id, work_count FROM author_graph_summary WHERE author_id = ANY (?)"""),
            new Figure("trust", "co-authors", InputLedger::coauthors, """
                    SELECT author_id, coauthor_count FROM author_graph_summary WHERE author_id = ANY (?)"""),
            new Figure("trust", "followers", InputLedger::followers, """
                    SELECT author_id, count(*) FROM follow WHERE following AND author_id = ANY (?)
                    GROUP BY author_id"""));

    private record Figure(String readModel, String name, ExpectedFigure expected, String query) {
    }

    /** The expected figure of an author, computed by the ledger. */
    @FunctionalInterface
    private interface ExpectedFigure {
        int of(InputLedger ledger, ExternalId author);
    }

    private ReadModelAudit() {
    }

    /** Every figure of every read model that differs from the input's; none when the system kept everything. */
    public static List<Discrepancy> compare(InputLedger ledger, Databases databases) throws SQLException {
        List<Discrepancy> discrepancies = new ArrayList<>();
        Map<ExternalId, Double> works = ledger.works();
        Map<ExternalId, String> workIds;
        Map<ExternalId, String> authorIds;
        try (Connection ingest = databases.open("ingest")) {
            workIds = externalIds(ingest, WORK_IDS);
        }
        try (Connection profile = databases.open("profile")) {
            authorIds = externalIds(profile, AUTHOR_IDS);
        }
        Map<String, Double> sentWorks = new HashMap<>();
        works.forEach((work, acknowledgedAt) -> {
            String id = workIds.get(work);
            if (id == null) {
                discrepancies.add(new Discrepancy("ingest", "work", work.toString(), 1, 0, acknowledgedAt));
            } else {
                sentWorks.put(id, acknowledgedAt);
            }
        });
        for (String readModel : List.of("profile", "graph", "trust")) {
            try (Connection connection = databases.open(readModel)) {
                Set<String> present = new HashSet<>(perAuthor(connection, WORKS_AMONG, sentWorks.keySet()).keySet());
                sentWorks.forEach((id, acknowledgedAt) -> {
                    if (!present.contains(id)) {
                        discrepancies.add(new Discrepancy(readModel, "work", id, 1, 0, acknowledgedAt));
                    }
                });
            }
        }
        Map<String, ExternalId> authors = new HashMap<>();
        for (ExternalId author : ledger.authors()) {
            String id = authorIds.get(author);
            if (id == null) {
                discrepancies.add(new Discrepancy("profile", "author", author.toString(), 1, 0,
                        ledger.lastTouchedAt(author)));
            } else {
                authors.put(id, author);
            }
        }
        for (Figure figure : FIGURES) {
            Map<String, Long> actual;
            try (Connection connection = databases.open(figure.readModel())) {
                actual = perAuthor(connection, figure.query(), authors.keySet());
            }
            authors.forEach((id, author) -> {
                long expected = figure.expected().of(ledger, author);
                long found = actual.getOrDefault(id, 0L);
                if (expected != found) {
                    discrepancies.add(new Discrepancy(figure.readModel(), figure.name(), author + " (" + id + ")",
                            expected, found, ledger.lastTouchedAt(author)));
                }
            });
        }
        return discrepancies;
    }

    private static Map<ExternalId, String> externalIds(Connection connection, String query) throws SQLException {
        Map<ExternalId, String> ids = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(query);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.put(new ExternalId(rows.getString(1), rows.getString(2)), rows.getString(3));
            }
        }
        return ids;
    }

    /** The rows of {@code query} for {@code ids}: the first column (an id) with the second (a figure), or 1. */
    private static Map<String, Long> perAuthor(Connection connection, String query, Set<String> ids)
            throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            Array array = connection.createArrayOf("text", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                boolean counted = rows.getMetaData().getColumnCount() > 1;
                while (rows.next()) {
                    out.put(rows.getString(1), counted ? rows.getLong(2) : 1L);
                }
            }
        }
        return out;
    }
}
