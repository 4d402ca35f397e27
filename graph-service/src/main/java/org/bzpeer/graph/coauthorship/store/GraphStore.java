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

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

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

    /** Stores the versions that are newer than the stored ones; returns the ids of the works it stored. */
    private static final String ACCEPT_NEWER_VERSIONS = """
            INSERT INTO work (work_id, version, publication_year, author_count)
            SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:versions AS bigint[]), CAST(:years AS int[]),
                                 CAST(:authorCounts AS int[]))
            ORDER BY 1
            ON CONFLICT (work_id) DO UPDATE SET version = EXCLUDED.version,
                publication_year = EXCLUDED.publication_year, author_count = EXCLUDED.author_count
            WHERE work.version < EXCLUDED.version
            RETURNING work_id
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
     * the author's most recent work (publication year, unknown last, then the highest work id). Co-authors come from
     * works with at most {@code :maxAuthors} authors. A summary is written, with a new revision, only when a figure
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
            ), pairs AS (
                SELECT me.author_id, other.author_id AS coauthor_id, count(*) AS shared
                FROM affected a
                JOIN work_author me ON me.author_id = a.author_id
                JOIN work k ON k.work_id = me.work_id AND k.author_count <= :maxAuthors
                JOIN work_author other ON other.work_id = me.work_id AND other.author_id <> me.author_id
                GROUP BY me.author_id, other.author_id
            ), coauthors AS (
                SELECT author_id, count(*) AS coauthors, count(*) FILTER (WHERE shared >= :closeMin) AS close
                FROM pairs GROUP BY author_id
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
     * the name printed on a shared work meanwhile.
     */
    private static final String FIND_COLLABORATORS = """
            WITH c AS (
                SELECT other.author_id, count(*) AS shared, max(other.display_name) AS printed_name
                FROM work_author me
                JOIN work k ON k.work_id = me.work_id AND k.author_count <= :maxAuthors
                JOIN work_author other ON other.work_id = me.work_id AND other.author_id <> me.author_id
                WHERE me.author_id = :author
                GROUP BY other.author_id
            )
            SELECT c.author_id, COALESCE(a.display_name, c.printed_name) AS display_name, c.shared
            FROM c LEFT JOIN author a ON a.author_id = c.author_id
            WHERE :afterAuthor = '' OR c.shared < :afterShared
               OR (c.shared = :afterShared AND c.author_id > :afterAuthor)
            ORDER BY c.shared DESC, c.author_id
            LIMIT :limit
            """;

    private final DatabaseClient database;

    public GraphStore(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Stores each of {@code works} (at most one version per work) in place of the stored version, if it is newer;
     * emits the authors whose summaries the change may alter: those listed by the replaced versions and by the new
     * ones. Works whose stored version is the same or newer change nothing and touch nobody.
     */
    public Mono<Set<String>> replaceWorks(List<WorkSnapshot> works) {
        if (works.isEmpty()) {
            return Mono.just(Set.of());
        }
        return database.sql(ACCEPT_NEWER_VERSIONS)
                .bind("ids", works.stream().map(WorkSnapshot::workId).toArray(String[]::new))
                .bind("versions", works.stream().map(WorkSnapshot::version).toArray(Long[]::new))
                .bind("years", works.stream().map(WorkSnapshot::publicationYear).toArray(Integer[]::new))
                .bind("authorCounts", works.stream().map(work -> work.authors().size()).toArray(Integer[]::new))
                .map((row, meta) -> row.get("work_id", String.class))
                .all()
                .collect(HashSet<String>::new, Set::add)
                .flatMap(acceptedIds -> {
                    if (acceptedIds.isEmpty()) {
                        return Mono.just(Set.<String>of());
                    }
                    List<WorkSnapshot> accepted = works.stream()
                            .filter(work -> acceptedIds.contains(work.workId())).toList();
                    return clearReplaced(acceptedIds).flatMap(previousAuthors -> insertRows(accepted)
                            .then(Mono.fromSupplier(() -> {
                                Set<String> touched = new LinkedHashSet<>(previousAuthors);
                                accepted.forEach(work -> work.authors().forEach(author -> touched.add(author.id())));
                                return touched;
                            })));
                });
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
     * that holds the authors' pending marks, so no other transaction recomputes them meanwhile.
     *
     * @param closeMinSharedWorks shared works from which a co-author counts as a close collaborator
     * @param maxCoauthorshipAuthors largest byline whose authors count as each other's co-authors
     */
    public Mono<List<AuthorSummaryRecord>> recomputeSummaries(Collection<String> authorIds, int closeMinSharedWorks,
            int maxCoauthorshipAuthors) {
        if (authorIds.isEmpty()) {
            return Mono.just(List.of());
        }
        String[] authors = authorIds.toArray(String[]::new);
        return database.sql(RECOMPUTE_SUMMARIES)
                .bind("authors", authors)
                .bind("closeMin", closeMinSharedWorks)
                .bind("maxAuthors", maxCoauthorshipAuthors)
                .map((row, meta) -> summary(row, null))
                .all()
                .sort(Comparator.comparing(AuthorSummaryRecord::authorId))
                .collectList()
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
     * The distinct co-authors of {@code authorId} (through works with at most {@code maxCoauthorshipAuthors}
     * authors), most shared works first, then by author id; only those after ({@code afterSharedWorks},
     * {@code afterAuthorId}) in that order when given.
     */
    public Mono<List<CollaboratorRecord>> findCollaborators(String authorId, Long afterSharedWorks,
            String afterAuthorId, int limit, int maxCoauthorshipAuthors) {
        return database.sql(FIND_COLLABORATORS)
                .bind("author", authorId)
                .bind("maxAuthors", maxCoauthorshipAuthors)
                .bind("afterShared", afterSharedWorks == null ? 0L : afterSharedWorks)
                .bind("afterAuthor", afterAuthorId == null ? "" : afterAuthorId)
                .bind("limit", limit)
                .map((row, meta) -> new CollaboratorRecord(row.get("author_id", String.class),
                        row.get("display_name", String.class), row.get("shared", Long.class)))
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
