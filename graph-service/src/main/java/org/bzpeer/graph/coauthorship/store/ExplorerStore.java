package org.bzpeer.graph.coauthorship.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * The explorer's reads: ranked slices of an author's co-authors, works, topics and institutions with the size of
 * each whole list, a bounded scan of second-degree co-authors, co-author frontiers for path searches and the works
 * linking the steps of a path. Every query reads one author's rows through an index ordered the way it ranks, and
 * reads at most a given number of rows per author, so its cost does not grow with the size of the graph.
 */
@Repository
public class ExplorerStore {

    /** An author's current name, or one printed on one of their works while their summary is pending. */
    private static final String NAME_OF = """
            COALESCE(a.display_name, (SELECT max(w.display_name) FROM work_author w WHERE w.author_id = %s))""";

    private static final String FIND_NAME = """
            SELECT display_name FROM author WHERE author_id = :id
            """;

    private static final String TOP_COAUTHORS = """
            WITH top AS (
                SELECT coauthor_id, shared_works, first_year, last_year, count(*) OVER () AS total
                FROM coauthor_pair WHERE author_id = :author
                ORDER BY shared_works DESC, coauthor_id
                LIMIT :limit
            )
            SELECT top.*, %s AS display_name
            FROM top LEFT JOIN author a ON a.author_id = top.coauthor_id
            ORDER BY shared_works DESC, coauthor_id
            """.formatted(NAME_OF.formatted("top.coauthor_id"));

    private static final String TOP_WORKS = """
            SELECT k.work_id, k.title, k.publication_year, k.author_count, count(*) OVER () AS total
            FROM work_author w JOIN work k ON k.work_id = w.work_id
            WHERE w.author_id = :author
            ORDER BY k.publication_year DESC NULLS LAST, k.work_id DESC
            LIMIT :limit
            """;

    private static final String TOP_ENTRIES = """
            SELECT %2$s AS entry_key, name, works, first_year, last_year, count(*) OVER () AS total
            FROM %1$s WHERE author_id = :author
            ORDER BY works DESC, last_year DESC NULLS LAST, %2$s
            LIMIT :limit
            """;

    /**
     * Reads at most {@code :scan} co-authors of each first-degree author, strongest first (one more, to tell whether
     * the scan was capped); ranks the authors found beyond the centre and the first degree by the works they share
     * with the scanned authors; returns the {@code :limit} strongest ('author' rows, with the count of all found),
     * the scanned pairs reaching shown authors ('link' rows) and, if some scan was capped, a 'capped' row.
     */
    private static final String SECOND_DEGREE = """
            WITH first_degree AS (
                SELECT unnest(CAST(:first AS text[])) COLLATE "C" AS author_id
            ), scanned AS (
                SELECT f.author_id AS via, c.coauthor_id, c.shared_works, c.rank
                FROM first_degree f CROSS JOIN LATERAL (
                    SELECT p.coauthor_id, p.shared_works,
                        row_number() OVER (ORDER BY p.shared_works DESC, p.coauthor_id) AS rank
                    FROM coauthor_pair p WHERE p.author_id = f.author_id
                    ORDER BY p.shared_works DESC, p.coauthor_id
                    LIMIT :scan + 1
                ) c
            ), candidates AS (
                SELECT coauthor_id, sum(shared_works) AS weight
                FROM scanned
                WHERE rank <= :scan AND coauthor_id <> :centre
                  AND coauthor_id NOT IN (SELECT author_id FROM first_degree)
                GROUP BY coauthor_id
            ), shown AS (
                SELECT coauthor_id, weight, count(*) OVER () AS total
                FROM candidates ORDER BY weight DESC, coauthor_id LIMIT :limit
            )
            SELECT 'author' AS kind, s.coauthor_id AS source, CAST(NULL AS text) AS target,
                CAST(s.weight AS bigint) AS weight, s.total, %s AS display_name
            FROM shown s LEFT JOIN author a ON a.author_id = s.coauthor_id
            UNION ALL
            SELECT 'link', via, coauthor_id, CAST(shared_works AS bigint), NULL, NULL
            FROM scanned
            WHERE rank <= :scan AND (coauthor_id IN (SELECT coauthor_id FROM shown)
                                     OR coauthor_id IN (SELECT author_id FROM first_degree))
            UNION ALL
            SELECT 'capped', NULL, NULL, NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM scanned WHERE rank > :scan)
            """.formatted(NAME_OF.formatted("s.coauthor_id"));

    private static final String NEIGHBOURS = """
            SELECT author_id, coauthor_id, shared_works
            FROM coauthor_pair WHERE author_id = ANY(CAST(:frontier AS text[]))
            """;

    private static final String NAMES = """
            SELECT ids.author_id, %s AS display_name
            FROM unnest(CAST(:ids AS text[])) AS ids(author_id) LEFT JOIN author a ON a.author_id = ids.author_id
            """.formatted(NAME_OF.formatted("ids.author_id"));

    /** The most recent works each step's two authors share (bylines of at most {@code :maxAuthors} authors). */
    private static final String LINKING_WORKS = """
            SELECT s.step, shared.work_id, shared.title, shared.publication_year
            FROM unnest(CAST(:authors AS text[]), CAST(:coauthors AS text[]), CAST(:steps AS int[]))
                AS s(author_id, coauthor_id, step)
            CROSS JOIN LATERAL (
                SELECT k.work_id, k.title, k.publication_year
                FROM work_author me
                JOIN work_author other ON other.work_id = me.work_id AND other.author_id = s.coauthor_id
                JOIN work k ON k.work_id = me.work_id AND k.author_count <= :maxAuthors
                WHERE me.author_id = s.author_id
                ORDER BY k.publication_year DESC NULLS LAST, k.work_id DESC
                LIMIT :perStep
            ) shared
            ORDER BY s.step, shared.publication_year DESC NULLS LAST, shared.work_id DESC
            """;

    private final DatabaseClient database;

    public ExplorerStore(DatabaseClient database) {
        this.database = database;
    }

    /** The current name of {@code authorId}, if any stored work lists them and they were summarised. */
    public Mono<String> findName(String authorId) {
        return database.sql(FIND_NAME).bind("id", authorId)
                .map((row, meta) -> row.get("display_name", String.class)).one();
    }

    /** Names of {@code authorIds} (current, or printed on one of their works), by id. */
    public Mono<Map<String, String>> names(Collection<String> authorIds) {
        return database.sql(NAMES).bind("ids", authorIds.toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("author_id", String.class),
                        String.valueOf(row.get("display_name", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The {@code limit} co-authors sharing most works with {@code authorId} (then by id), out of all of them. */
    public Mono<RankedRows<CollaboratorRecord>> topCoauthors(String authorId, int limit) {
        return ranked(TOP_COAUTHORS, authorId, limit, row -> new CollaboratorRecord(
                row.get("coauthor_id", String.class), row.get("display_name", String.class),
                row.get("shared_works", Integer.class), row.get("first_year", Integer.class),
                row.get("last_year", Integer.class)));
    }

    /** The {@code limit} most recent works of {@code authorId} (year, unknown last, then id), out of all. */
    public Mono<RankedRows<WorkRecord>> topWorks(String authorId, int limit) {
        return ranked(TOP_WORKS, authorId, limit, row -> new WorkRecord(row.get("work_id", String.class),
                row.get("title", String.class), row.get("publication_year", Integer.class),
                row.get("author_count", Integer.class)));
    }

    /** The {@code limit} topics on most of the works of {@code authorId} (then most recent, then key). */
    public Mono<RankedRows<RankedEntryRecord>> topTopics(String authorId, int limit) {
        return ranked(TOP_ENTRIES.formatted("author_topic", "topic_key"), authorId, limit, ExplorerStore::entry);
    }

    /** The {@code limit} institutions on most of the authorships of {@code authorId}, ranked as topics. */
    public Mono<RankedRows<RankedEntryRecord>> topInstitutions(String authorId, int limit) {
        return ranked(TOP_ENTRIES.formatted("author_institution", "institution_key"), authorId, limit,
                ExplorerStore::entry);
    }

    /**
     * The strongest {@code limit} co-authors of the {@code firstDegree} authors that are neither {@code centre} nor
     * among them, reading at most {@code scanPerAuthor} co-authors of each first-degree author.
     */
    public Mono<SecondDegreeRecords> secondDegree(String centre, Collection<String> firstDegree, int scanPerAuthor,
            int limit) {
        if (firstDegree.isEmpty()) {
            return Mono.just(new SecondDegreeRecords(List.of(), 0, List.of(), false));
        }
        return database.sql(SECOND_DEGREE)
                .bind("first", firstDegree.toArray(String[]::new))
                .bind("centre", centre)
                .bind("scan", scanPerAuthor)
                .bind("limit", limit)
                .map((row, meta) -> new Object[] {row.get("kind", String.class), row.get("source", String.class),
                        row.get("target", String.class), row.get("weight", Long.class), row.get("total", Long.class),
                        row.get("display_name", String.class)})
                .all()
                .collectList()
                .map(ExplorerStore::secondDegree);
    }

    /** Every co-author pair of the authors of {@code frontier}. */
    public Mono<List<PairRecord>> neighbours(Collection<String> frontier) {
        return database.sql(NEIGHBOURS)
                .bind("frontier", frontier.toArray(String[]::new))
                .map((row, meta) -> new PairRecord(row.get("author_id", String.class),
                        row.get("coauthor_id", String.class), row.get("shared_works", Integer.class)))
                .all()
                .collectList();
    }

    /**
     * For each step {@code i} of {@code path} (from {@code path.get(i)} to {@code path.get(i + 1)}), the
     * {@code perStep} most recent works the two share.
     */
    public Mono<List<LinkingWorkRecord>> linkingWorks(List<String> path, int perStep, int maxCoauthorshipAuthors) {
        int steps = path.size() - 1;
        if (steps < 1) {
            return Mono.just(List.of());
        }
        Integer[] stepNumbers = new Integer[steps];
        for (int i = 0; i < steps; i++) {
            stepNumbers[i] = i;
        }
        return database.sql(LINKING_WORKS)
                .bind("authors", path.subList(0, steps).toArray(String[]::new))
                .bind("coauthors", path.subList(1, steps + 1).toArray(String[]::new))
                .bind("steps", stepNumbers)
                .bind("perStep", perStep)
                .bind("maxAuthors", maxCoauthorshipAuthors)
                .map((row, meta) -> new LinkingWorkRecord(row.get("step", Integer.class),
                        row.get("work_id", String.class), row.get("title", String.class),
                        row.get("publication_year", Integer.class)))
                .all()
                .collectList();
    }

    private <T> Mono<RankedRows<T>> ranked(String sql, String authorId, int limit,
            Function<Readable, T> mapper) {
        return database.sql(sql)
                .bind("author", authorId)
                .bind("limit", limit)
                .map((row, meta) -> Map.entry(row.get("total", Long.class), mapper.apply(row)))
                .all()
                .collectList()
                .map(rows -> new RankedRows<>(rows.stream().map(Map.Entry::getValue).toList(),
                        rows.isEmpty() ? 0 : rows.get(0).getKey()));
    }

    private static RankedEntryRecord entry(Readable row) {
        return new RankedEntryRecord(row.get("entry_key", String.class), row.get("name", String.class),
                row.get("works", Integer.class), row.get("first_year", Integer.class),
                row.get("last_year", Integer.class));
    }

    private static SecondDegreeRecords secondDegree(List<Object[]> rows) {
        List<CollaboratorRecord> authors = new ArrayList<>();
        List<PairRecord> links = new ArrayList<>();
        long candidates = 0;
        boolean capped = false;
        for (Object[] row : rows) {
            switch ((String) row[0]) {
                case "author" -> {
                    authors.add(new CollaboratorRecord((String) row[1], (String) row[5], (Long) row[3], null, null));
                    candidates = (Long) row[4];
                }
                case "link" -> links.add(new PairRecord((String) row[1], (String) row[2], (Long) row[3]));
                default -> capped = true;
            }
        }
        authors.sort((a, b) -> a.sharedWorks() != b.sharedWorks() ? Long.compare(b.sharedWorks(), a.sharedWorks())
                : a.authorId().compareTo(b.authorId()));
        return new SecondDegreeRecords(authors, candidates, links, capped);
    }
}
