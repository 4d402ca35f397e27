package org.bzpeer.graph.coauthorship.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bzpeer.graph.coauthorship.model.WorkSnapshot;
import org.bzpeer.graph.coauthorship.model.WorkSnapshot.Author;
import org.bzpeer.graph.coauthorship.model.WorkSnapshot.Keyed;
import org.bzpeer.kit.store.ColumnArrays;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The co-authorship graph in PostgreSQL: works with their authors, topics and per-authorship institutions, each
 * known author's name, and their neighbourhood summaries. Every write takes a whole batch of works or of authors in
 * a few set-based statements (arrays bound once, {@code unnest}ed in SQL), never one statement per work, author or
 * pair; callers run the writes of one batch in one transaction. What is stored is a function of the latest version
 * of each work only: the order in which versions arrived leaves no trace.
 */
@Repository
public class GraphStore {

    private static final String SUMMARY_COLUMNS =
            "revision, work_count, coauthor_count, close_collaborator_count, topic_count, institution_count";

    /**
     * Takes back the pairs that the stored versions about to be replaced gave (bylines of at most {@code :maxAuthors}
     * authors), locking those works first, in id order. A pair left without shared works is removed; returns the
     * pairs that keep some but lost a work of their first or last year, whose years must be recomputed.
     */
    private static final String TAKE_BACK_REPLACED_PAIRS = """
            WITH replaced AS (
                SELECT k.work_id, k.publication_year
                FROM work k
                JOIN unnest(CAST(:ids AS text[]), CAST(:versions AS bigint[])) AS incoming(work_id, version)
                  ON k.work_id = incoming.work_id
                WHERE (k.version < incoming.version OR (CAST(:rewrite AS boolean) AND k.version = incoming.version))
                  AND k.author_count <= :maxAuthors
                ORDER BY k.work_id
                FOR UPDATE OF k
            ), removed AS (
                SELECT me.author_id, other.author_id AS coauthor_id, count(*) AS works,
                    min(r.publication_year) AS first_year, max(r.publication_year) AS last_year
                FROM replaced r
                JOIN work_author me ON me.work_id = r.work_id
                JOIN work_author other ON other.work_id = r.work_id AND other.author_id <> me.author_id
                GROUP BY me.author_id, other.author_id
            ), vanished AS (
                DELETE FROM coauthor_pair p USING removed r
                WHERE p.author_id = r.author_id AND p.coauthor_id = r.coauthor_id AND p.shared_works <= r.works
            ), shrunk AS (
                UPDATE coauthor_pair p SET shared_works = p.shared_works - r.works
                FROM removed r
                WHERE p.author_id = r.author_id AND p.coauthor_id = r.coauthor_id AND p.shared_works > r.works
                RETURNING p.author_id, p.coauthor_id, r.first_year = p.first_year OR r.last_year = p.last_year AS stale
            )
            SELECT author_id, coauthor_id FROM shrunk WHERE stale
            """;

    /**
     * Stores the versions that are newer than the stored ones (or, when rewriting, as new); returns the ids of the
     * works it stored.
     */
    private static final String ACCEPT_NEWER_VERSIONS = """
            INSERT INTO work (work_id, version, publication_year, author_count, title)
            SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:versions AS bigint[]), CAST(:years AS int[]),
                                 CAST(:authorCounts AS int[]), CAST(:titles AS text[]))
            ORDER BY 1
            ON CONFLICT (work_id) DO UPDATE SET version = EXCLUDED.version,
                publication_year = EXCLUDED.publication_year, author_count = EXCLUDED.author_count,
                title = EXCLUDED.title
            WHERE work.version < EXCLUDED.version OR (CAST(:rewrite AS boolean) AND work.version = EXCLUDED.version)
            RETURNING work_id
            """;

    /** Adds the pairs the newly stored versions give (bylines of at most {@code :maxAuthors} authors). */
    private static final String ADD_PAIRS = """
            INSERT INTO coauthor_pair AS p (author_id, coauthor_id, shared_works, first_year, last_year)
            SELECT me.author_id, other.author_id, count(*), min(k.publication_year), max(k.publication_year)
            FROM work k
            JOIN work_author me ON me.work_id = k.work_id
            JOIN work_author other ON other.work_id = k.work_id AND other.author_id <> me.author_id
            WHERE k.work_id = ANY(CAST(:ids AS text[])) AND k.author_count <= :maxAuthors
            GROUP BY me.author_id, other.author_id
            ORDER BY 1, 2
            ON CONFLICT (author_id, coauthor_id) DO UPDATE SET shared_works = p.shared_works + EXCLUDED.shared_works,
                first_year = LEAST(p.first_year, EXCLUDED.first_year),
                last_year = GREATEST(p.last_year, EXCLUDED.last_year)
            """;

    /** Recomputes the first and last shared year of the given pairs from the works they share now. */
    private static final String RECOMPUTE_PAIR_YEARS = """
            UPDATE coauthor_pair p SET first_year = y.first_year, last_year = y.last_year
            FROM (
                SELECT s.author_id, s.coauthor_id, min(k.publication_year) AS first_year,
                    max(k.publication_year) AS last_year
                FROM unnest(CAST(:authors AS text[]), CAST(:coauthors AS text[])) AS s(author_id, coauthor_id)
                JOIN work_author me ON me.author_id = s.author_id
                JOIN work_author other ON other.work_id = me.work_id AND other.author_id = s.coauthor_id
                JOIN work k ON k.work_id = me.work_id AND k.author_count <= :maxAuthors
                GROUP BY s.author_id, s.coauthor_id
            ) y
            WHERE p.author_id = y.author_id AND p.coauthor_id = y.coauthor_id
            """;

    /** Removes what the replaced versions listed (institutions go with their authorship); returns their authors. */
    private static final String CLEAR_REPLACED = """
            WITH topics_gone AS (
                DELETE FROM work_topic WHERE work_id = ANY(CAST(:ids AS text[]))
            ), authors_gone AS (
                DELETE FROM work_author WHERE work_id = ANY(CAST(:ids AS text[])) RETURNING author_id
            )
            SELECT DISTINCT author_id FROM authors_gone
            """;

    private static final String INSERT_ROWS = """
            WITH authors AS (
                INSERT INTO work_author (work_id, author_id, display_name, position)
                SELECT * FROM unnest(CAST(:authorWorks AS text[]), CAST(:authorIds AS text[]),
                                     CAST(:authorNames AS text[]), CAST(:positions AS int[]))
            ), institutions AS (
                INSERT INTO authorship_institution (work_id, author_id, institution_key, name)
                SELECT * FROM unnest(CAST(:institutionWorks AS text[]), CAST(:institutionAuthors AS text[]),
                                     CAST(:institutionKeys AS text[]), CAST(:institutionNames AS text[]))
            )
            INSERT INTO work_topic (work_id, topic_key, name)
            SELECT * FROM unnest(CAST(:topicWorks AS text[]), CAST(:topicKeys AS text[]), CAST(:topicNames AS text[]))
            """;

    /**
     * Recomputes names and summaries of the given authors from the works stored now. The name is the one printed on
     * the author's most recent work (publication year, unknown last, then the highest work id). Co-authors are those
     * of {@code coauthor_pair}. A summary is written, with a new revision, only when a figure
     * changed; an author with no works left gets a last, empty summary (then removed by
     * {@link #REMOVE_AUTHORS_WITHOUT_WORKS}),
     * one never summarised and without works gets none.
     */
    private static final String RECOMPUTE_SUMMARIES = """
            WITH affected AS (
                SELECT DISTINCT unnest(CAST(:authors AS text[])) COLLATE "C" AS author_id
            ), names AS (
                INSERT INTO author (author_id, display_name)
                SELECT DISTINCT ON (w.author_id) w.author_id, w.display_name
                FROM affected a JOIN work_author w ON w.author_id = a.author_id JOIN work k ON k.work_id = w.work_id
                ORDER BY w.author_id, k.publication_year DESC NULLS LAST, k.work_id DESC
                ON CONFLICT (author_id) DO UPDATE SET display_name = EXCLUDED.display_name
                WHERE author.display_name <> EXCLUDED.display_name
            ), works AS (
                SELECT w.author_id, count(*) AS works
                FROM affected a JOIN work_author w ON w.author_id = a.author_id GROUP BY w.author_id
            ), coauthors AS (
                SELECT p.author_id, count(*) AS coauthors,
                    count(*) FILTER (WHERE p.shared_works >= :closeMin) AS close
                FROM affected a JOIN coauthor_pair p ON p.author_id = a.author_id GROUP BY p.author_id
            ), topics AS (
                SELECT w.author_id, count(DISTINCT t.topic_key) AS topics
                FROM affected a JOIN work_author w ON w.author_id = a.author_id
                JOIN work_topic t ON t.work_id = w.work_id
                GROUP BY w.author_id
            ), institutions AS (
                SELECT i.author_id, count(DISTINCT i.institution_key) AS institutions
                FROM affected a JOIN authorship_institution i ON i.author_id = a.author_id GROUP BY i.author_id
            )
            INSERT INTO author_graph_summary AS s (author_id, revision, work_count, coauthor_count,
                close_collaborator_count, topic_count, institution_count)
            SELECT a.author_id, nextval('summary_revision'), COALESCE(w.works, 0), COALESCE(c.coauthors, 0),
                COALESCE(c.close, 0), COALESCE(t.topics, 0), COALESCE(i.institutions, 0)
            FROM affected a
            LEFT JOIN works w ON w.author_id = a.author_id
            LEFT JOIN coauthors c ON c.author_id = a.author_id
            LEFT JOIN topics t ON t.author_id = a.author_id
            LEFT JOIN institutions i ON i.author_id = a.author_id
            WHERE w.works IS NOT NULL
               OR EXISTS (SELECT 1 FROM author_graph_summary old WHERE old.author_id = a.author_id)
            ORDER BY a.author_id
            ON CONFLICT (author_id) DO UPDATE SET revision = EXCLUDED.revision,
                work_count = EXCLUDED.work_count, coauthor_count = EXCLUDED.coauthor_count,
                close_collaborator_count = EXCLUDED.close_collaborator_count,
                topic_count = EXCLUDED.topic_count, institution_count = EXCLUDED.institution_count
            WHERE (s.work_count, s.coauthor_count, s.close_collaborator_count, s.topic_count, s.institution_count)
                IS DISTINCT FROM (EXCLUDED.work_count, EXCLUDED.coauthor_count, EXCLUDED.close_collaborator_count,
                                  EXCLUDED.topic_count, EXCLUDED.institution_count)
            RETURNING s.author_id, s.revision, s.work_count, s.coauthor_count, s.close_collaborator_count,
                s.topic_count, s.institution_count
            """;

    /**
     * Recomputes the ranked entries ({@code author_topic} or {@code author_institution}) of the given authors from
     * the works stored now: per entry the works, first and last year, and the name printed on the most recent of
     * those works; writes only rows that changed and removes entries the authors no longer have.
     */
    private static final String RECOMPUTE_RANKED_ENTRIES = """
            WITH affected AS (
                SELECT DISTINCT unnest(CAST(:authors AS text[])) COLLATE "C" AS author_id
            ), computed AS (
                SELECT s.author_id, s.entry_key,
                    (array_agg(s.name ORDER BY k.publication_year DESC NULLS LAST, k.work_id DESC))[1] AS name,
                    count(*) AS works, min(k.publication_year) AS first_year, max(k.publication_year) AS last_year
                FROM (%3$s) s JOIN work k ON k.work_id = s.work_id
                GROUP BY s.author_id, s.entry_key
            ), stored AS (
                INSERT INTO %1$s AS r (author_id, %2$s, name, works, first_year, last_year)
                SELECT author_id, entry_key, name, works, first_year, last_year FROM computed ORDER BY 1, 2
                ON CONFLICT (author_id, %2$s) DO UPDATE SET name = EXCLUDED.name, works = EXCLUDED.works,
                    first_year = EXCLUDED.first_year, last_year = EXCLUDED.last_year
                WHERE (r.name, r.works, r.first_year, r.last_year) IS DISTINCT FROM
                      (EXCLUDED.name, EXCLUDED.works, EXCLUDED.first_year, EXCLUDED.last_year)
            )
            DELETE FROM %1$s r USING affected a
            WHERE r.author_id = a.author_id
              AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.author_id = r.author_id AND c.entry_key = r.%2$s)
            """;

    private static final String RECOMPUTE_AUTHOR_TOPICS = RECOMPUTE_RANKED_ENTRIES.formatted("author_topic",
            "topic_key", """
                    SELECT w.author_id, w.work_id, t.topic_key AS entry_key, t.name
                    FROM affected a JOIN work_author w ON w.author_id = a.author_id
                    JOIN work_topic t ON t.work_id = w.work_id""");

    private static final String RECOMPUTE_AUTHOR_INSTITUTIONS = RECOMPUTE_RANKED_ENTRIES.formatted(
            "author_institution", "institution_key", """
                    SELECT i.author_id, i.work_id, i.institution_key AS entry_key, i.name
                    FROM affected a JOIN authorship_institution i ON i.author_id = a.author_id""");

    /** Every trace of authors that no stored work lists any more: their summary and their name. */
    private static final String REMOVE_AUTHORS_WITHOUT_WORKS = """
            WITH gone AS (
                DELETE FROM author_graph_summary
                WHERE author_id = ANY(CAST(:authors AS text[])) AND work_count = 0
                RETURNING author_id
            )
            DELETE FROM author a USING gone WHERE a.author_id = gone.author_id
            """;

    private static final String FIND_AUTHOR = """
            SELECT a.author_id, a.display_name, %s
            FROM author a JOIN author_graph_summary s ON s.author_id = a.author_id
            WHERE a.author_id = :id
            """.formatted(SUMMARY_COLUMNS);

    /**
     * An author's co-authors with their current names; a co-author whose summary (and name) is still pending shows
     * a name printed on one of their works meanwhile.
     */
    private static final String FIND_COLLABORATORS = """
            SELECT p.coauthor_id, p.shared_works, p.first_year, p.last_year,
                COALESCE(a.display_name, (SELECT max(w.display_name) FROM work_author w
                                          WHERE w.author_id = p.coauthor_id)) AS display_name
            FROM coauthor_pair p LEFT JOIN author a ON a.author_id = p.coauthor_id
            WHERE p.author_id = :author
              AND (:afterAuthor = '' OR p.shared_works < :afterShared
                   OR (p.shared_works = :afterShared AND p.coauthor_id > :afterAuthor))
            ORDER BY p.shared_works DESC, p.coauthor_id
            LIMIT :limit
            """;

    /** The stored works listing any of the given authors, locked in id order, each with its authors and topics. */
    private static final String FIND_WORKS_OF = """
            SELECT k.work_id, k.version, k.publication_year, k.title,
                (SELECT json_agg(json_build_object('id', a.author_id, 'name', a.display_name, 'position', a.position,
                        'institutions', (SELECT coalesce(json_agg(json_build_object('key', i.institution_key,
                                                                                   'name', i.name)), '[]')
                                         FROM authorship_institution i
                                         WHERE i.work_id = a.work_id AND i.author_id = a.author_id))
                        ORDER BY a.position, a.author_id)
                 FROM work_author a WHERE a.work_id = k.work_id) AS authors,
                (SELECT coalesce(json_agg(json_build_object('key', t.topic_key, 'name', t.name)
                                          ORDER BY t.topic_key), '[]')
                 FROM work_topic t WHERE t.work_id = k.work_id) AS topics
            FROM work k
            WHERE k.work_id IN (SELECT work_id FROM work_author WHERE author_id = ANY(CAST(:authors AS text[])))
            ORDER BY k.work_id
            FOR UPDATE OF k
            """;

    private final DatabaseClient database;
    private final JsonMapper json;

    public GraphStore(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    /** Snapshots of the stored works that list any of {@code authorIds}, locked until the transaction ends. */
    public Mono<List<WorkSnapshot>> findWorksOf(Collection<String> authorIds) {
        return database.sql(FIND_WORKS_OF)
                .bind("authors", authorIds.toArray(String[]::new))
                .map((row, meta) -> new WorkSnapshot(row.get("work_id", String.class),
                        row.get("version", Long.class), row.get("publication_year", Integer.class),
                        row.get("title", String.class),
                        List.of(json.readValue(row.get("authors", Json.class).asString(), Author[].class)),
                        List.of(json.readValue(row.get("topics", Json.class).asString(), Keyed[].class))))
                .all()
                .collectList();
    }

    /**
     * Stores {@code works} in place of their stored versions of the same number, as {@link #replaceWorks} does for
     * newer ones: for works whose authors changed without a new version (a merge renamed one). Emits the authors
     * whose summaries the change may alter.
     */
    public Mono<Set<String>> rewriteWorks(List<WorkSnapshot> works, int maxCoauthorshipAuthors) {
        return store(works, maxCoauthorshipAuthors, true);
    }

    /**
     * Stores each of {@code works} (at most one version per work) in place of the stored version, if it is newer,
     * and keeps {@code coauthor_pair} in step: the replaced versions' pairs are taken back and the new ones' added
     * (bylines of at most {@code maxCoauthorshipAuthors} authors). Emits the authors whose summaries the change may
     * alter: those listed by the replaced versions and by the new ones. Works whose stored version is the same or
     * newer change nothing and touch nobody.
     */
    public Mono<Set<String>> replaceWorks(List<WorkSnapshot> works, int maxCoauthorshipAuthors) {
        return store(works, maxCoauthorshipAuthors, false);
    }

    private Mono<Set<String>> store(List<WorkSnapshot> works, int maxCoauthorshipAuthors, boolean rewrite) {
        if (works.isEmpty()) {
            return Mono.just(Set.of());
        }
        String[] ids = works.stream().map(WorkSnapshot::workId).toArray(String[]::new);
        Long[] versions = works.stream().map(WorkSnapshot::version).toArray(Long[]::new);
        return takeBackReplacedPairs(ids, versions, maxCoauthorshipAuthors, rewrite)
                .flatMap(stalePairs -> database.sql(ACCEPT_NEWER_VERSIONS)
                        .bind("ids", ids)
                        .bind("rewrite", rewrite)
                        .bind("versions", versions)
                        .bind("years", works.stream().map(WorkSnapshot::publicationYear).toArray(Integer[]::new))
                        .bind("authorCounts", works.stream().map(work -> work.authors().size())
                                .toArray(Integer[]::new))
                        .bind("titles", works.stream().map(WorkSnapshot::title).toArray(String[]::new))
                        .map((row, meta) -> row.get("work_id", String.class))
                        .all()
                        .collect(HashSet<String>::new, Set::add)
                        .flatMap(acceptedIds -> acceptedIds.isEmpty() ? Mono.just(Set.<String>of())
                                : storeAccepted(works, acceptedIds, stalePairs, maxCoauthorshipAuthors)));
    }

    private Mono<Set<String>> storeAccepted(List<WorkSnapshot> works, Set<String> acceptedIds,
            ColumnArrays stalePairs, int maxCoauthorshipAuthors) {
        List<WorkSnapshot> accepted = works.stream().filter(work -> acceptedIds.contains(work.workId())).toList();
        return clearReplaced(acceptedIds).flatMap(previousAuthors -> insertRows(accepted)
                .then(addPairs(acceptedIds, maxCoauthorshipAuthors))
                .then(recomputePairYears(stalePairs, maxCoauthorshipAuthors))
                .then(Mono.fromSupplier(() -> {
                    Set<String> touched = new LinkedHashSet<>(previousAuthors);
                    accepted.forEach(work -> work.authors().forEach(author -> touched.add(author.id())));
                    return touched;
                })));
    }

    private Mono<ColumnArrays> takeBackReplacedPairs(String[] ids, Long[] versions, int maxCoauthorshipAuthors,
            boolean rewrite) {
        return database.sql(TAKE_BACK_REPLACED_PAIRS)
                .bind("ids", ids)
                .bind("rewrite", rewrite)
                .bind("versions", versions)
                .bind("maxAuthors", maxCoauthorshipAuthors)
                .map((row, meta) -> new String[] {row.get("author_id", String.class),
                        row.get("coauthor_id", String.class)})
                .all()
                .collect(() -> new ColumnArrays(2), (pairs, pair) -> pairs.add((Object[]) pair));
    }

    private Mono<Void> addPairs(Set<String> workIds, int maxCoauthorshipAuthors) {
        return database.sql(ADD_PAIRS)
                .bind("ids", workIds.toArray(String[]::new))
                .bind("maxAuthors", maxCoauthorshipAuthors)
                .fetch().rowsUpdated().then();
    }

    private Mono<Void> recomputePairYears(ColumnArrays pairs, int maxCoauthorshipAuthors) {
        if (pairs.size() == 0) {
            return Mono.empty();
        }
        return database.sql(RECOMPUTE_PAIR_YEARS)
                .bind("authors", pairs.texts(0))
                .bind("coauthors", pairs.texts(1))
                .bind("maxAuthors", maxCoauthorshipAuthors)
                .fetch().rowsUpdated().then();
    }

    private Mono<List<String>> clearReplaced(Set<String> workIds) {
        return database.sql(CLEAR_REPLACED)
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> row.get("author_id", String.class))
                .all()
                .collectList();
    }

    private Mono<Void> insertRows(List<WorkSnapshot> works) {
        ColumnArrays authors = new ColumnArrays(4);
        ColumnArrays institutions = new ColumnArrays(4);
        ColumnArrays topics = new ColumnArrays(3);
        for (WorkSnapshot work : works) {
            for (Author author : work.authors()) {
                authors.add(work.workId(), author.id(), author.name(), author.position());
                for (Keyed institution : author.institutions()) {
                    institutions.add(work.workId(), author.id(), institution.key(), institution.name());
                }
            }
            for (Keyed topic : work.topics()) {
                topics.add(work.workId(), topic.key(), topic.name());
            }
        }
        return database.sql(INSERT_ROWS)
                .bind("authorWorks", authors.texts(0))
                .bind("authorIds", authors.texts(1))
                .bind("authorNames", authors.texts(2))
                .bind("positions", authors.integers(3))
                .bind("institutionWorks", institutions.texts(0))
                .bind("institutionAuthors", institutions.texts(1))
                .bind("institutionKeys", institutions.texts(2))
                .bind("institutionNames", institutions.texts(3))
                .bind("topicWorks", topics.texts(0))
                .bind("topicKeys", topics.texts(1))
                .bind("topicNames", topics.texts(2))
                .fetch().rowsUpdated().then();
    }

    /**
     * Recomputes, for all {@code authorIds} at once, the current name and the neighbourhood summary from the works
     * stored now, and stores each summary that differs from the stored one with a new, higher revision. Emits the
     * summaries that changed, by author id; then removes the authors left without works. Run it in a transaction
     * that holds the authors' pending marks, so no other transaction recomputes them meanwhile. Their ranked topics
     * and institutions are recomputed with them.
     *
     * @param closeMinSharedWorks shared works from which a co-author counts as a close collaborator
     */
    public Mono<List<AuthorSummaryRecord>> recomputeSummaries(Collection<String> authorIds,
            int closeMinSharedWorks) {
        if (authorIds.isEmpty()) {
            return Mono.just(List.of());
        }
        String[] authors = authorIds.toArray(String[]::new);
        return database.sql(RECOMPUTE_SUMMARIES)
                .bind("authors", authors)
                .bind("closeMin", closeMinSharedWorks)
                .map((row, meta) -> summary(row, null))
                .all()
                .sort(Comparator.comparing(AuthorSummaryRecord::authorId))
                .collectList()
                .flatMap(changed -> database.sql(RECOMPUTE_AUTHOR_TOPICS).bind("authors", authors)
                        .fetch().rowsUpdated()
                        .then(database.sql(RECOMPUTE_AUTHOR_INSTITUTIONS).bind("authors", authors)
                                .fetch().rowsUpdated())
                        .thenReturn(changed))
                .flatMap(changed -> database.sql(REMOVE_AUTHORS_WITHOUT_WORKS)
                        .bind("authors", authors)
                        .fetch().rowsUpdated()
                        .thenReturn(changed));
    }

    /** The name and summary of {@code authorId}, if any stored work lists them. */
    public Mono<AuthorSummaryRecord> findAuthor(String authorId) {
        return database.sql(FIND_AUTHOR)
                .bind("id", authorId)
                .map((row, meta) -> summary(row, row.get("display_name", String.class)))
                .one();
    }

    /**
     * The distinct co-authors of {@code authorId}, most shared works first, then by author id; only those after
     * ({@code afterSharedWorks}, {@code afterAuthorId}) in that order when given.
     */
    public Mono<List<CollaboratorRecord>> findCollaborators(String authorId, Long afterSharedWorks,
            String afterAuthorId, int limit) {
        return database.sql(FIND_COLLABORATORS)
                .bind("author", authorId)
                .bind("afterShared", afterSharedWorks == null ? 0L : afterSharedWorks)
                .bind("afterAuthor", afterAuthorId == null ? "" : afterAuthorId)
                .bind("limit", limit)
                .map((row, meta) -> new CollaboratorRecord(row.get("coauthor_id", String.class),
                        row.get("display_name", String.class), row.get("shared_works", Integer.class),
                        row.get("first_year", Integer.class), row.get("last_year", Integer.class)))
                .all()
                .collectList();
    }

    private static AuthorSummaryRecord summary(Readable row, String name) {
        return new AuthorSummaryRecord(row.get("author_id", String.class), name, row.get("revision", Long.class),
                row.get("work_count", Integer.class), row.get("coauthor_count", Integer.class),
                row.get("close_collaborator_count", Integer.class), row.get("topic_count", Integer.class),
                row.get("institution_count", Integer.class));
    }
}
