package org.bzpeer.graph.coauthorship.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bzpeer.graph.coauthorship.model.WorkSnapshot;
import org.bzpeer.graph.coauthorship.model.WorkSnapshot.Author;
import org.bzpeer.graph.coauthorship.model.WorkSnapshot.Keyed;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * The co-authorship graph in PostgreSQL: works with their authors, topics and per-authorship institutions, each
 * known author's name, and their neighbourhood summaries. Every write works on a whole work or on all the authors
 * one work affects in a few set-based statements, never one statement per author or pair; callers run the writes of
 * one event in one transaction.
 */
@Repository
public class GraphStore {

    private static final String SUMMARY_COLUMNS =
            "revision, work_count, coauthor_count, close_collaborator_count, topic_count, institution_count";

    private final DatabaseClient database;

    public GraphStore(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Stores {@code work} in place of the version stored, if it is newer; emits the authors the change touches (those
     * of the stored version and of {@code work}), or nothing when the stored version is the same or newer. Locks the
     * touched authors until the transaction ends (advisory locks, taken in one global order), so that instances
     * applying works of shared authors in parallel {@linkplain #recomputeSummaries recompute} one after the other,
     * each seeing what the other committed.
     */
    public Mono<Set<String>> replaceWork(WorkSnapshot work) {
        return database.sql("WITH accepted AS ("
                        + "  INSERT INTO work (work_id, version, publication_year, import_order) "
                        + "  VALUES (:id, :version, :year, nextval('work_import_order')) "
                        + "  ON CONFLICT (work_id) DO UPDATE SET version = EXCLUDED.version, "
                        + "  publication_year = EXCLUDED.publication_year, import_order = EXCLUDED.import_order "
                        + "  WHERE work.version < EXCLUDED.version RETURNING work_id"
                        + "), topics_gone AS ("
                        + "  DELETE FROM work_topic t USING accepted a WHERE t.work_id = a.work_id"
                        + "), authors_gone AS ("
                        + "  DELETE FROM work_author w USING accepted a WHERE w.work_id = a.work_id "
                        + "  RETURNING w.author_id"
                        + "), locked AS ("
                        + "  SELECT count(pg_advisory_xact_lock(k)) AS locks FROM (SELECT DISTINCT "
                        + "  hashtextextended(t.author_id, 0) AS k FROM (SELECT author_id FROM authors_gone "
                        + "  UNION SELECT unnest(CAST(:authors AS text[])) FROM accepted) t ORDER BY k) keys"
                        + ") SELECT a.work_id, g.author_id, l.locks FROM accepted a CROSS JOIN locked l "
                        + "LEFT JOIN authors_gone g ON true")
                .bind("id", work.workId())
                .bind("version", work.version())
                .bind("year", Parameter.fromOrEmpty(work.publicationYear(), Integer.class))
                .bind("authors", work.authors().stream().map(Author::id).toArray(String[]::new))
                .map((row, meta) -> Optional.ofNullable(row.get("author_id", String.class)))
                .all()
                .collectList()
                .filter(rows -> !rows.isEmpty())
                .flatMap(previous -> insertRows(work).then(Mono.fromSupplier(() -> {
                    Set<String> touched = new LinkedHashSet<>();
                    previous.forEach(author -> author.ifPresent(touched::add));
                    work.authors().forEach(author -> touched.add(author.id()));
                    return touched;
                })));
    }

    private Mono<Void> insertRows(WorkSnapshot work) {
        if (work.authors().isEmpty() && work.topics().isEmpty()) {
            return Mono.empty();
        }
        List<Author> authors = work.authors();
        List<String[]> institutions = authors.stream()
                .flatMap(author -> author.institutions().stream()
                        .map(institution -> new String[] {author.id(), institution.key(), institution.name()}))
                .toList();
        return database.sql("WITH authors AS ("
                        + "  INSERT INTO work_author (work_id, author_id, display_name, position) SELECT :work, * "
                        + "  FROM unnest(CAST(:authorIds AS text[]), CAST(:names AS text[]), CAST(:positions AS int[]))"
                        + "), institutions AS ("
                        + "  INSERT INTO authorship_institution (work_id, author_id, institution_key, name) "
                        + "  SELECT :work, * FROM unnest(CAST(:institutionAuthors AS text[]), "
                        + "  CAST(:institutionKeys AS text[]), CAST(:institutionNames AS text[]))"
                        + ") INSERT INTO work_topic (work_id, topic_key, name) SELECT :work, * "
                        + "FROM unnest(CAST(:topicKeys AS text[]), CAST(:topicNames AS text[]))")
                .bind("work", work.workId())
                .bind("authorIds", authors.stream().map(Author::id).toArray(String[]::new))
                .bind("names", authors.stream().map(Author::name).toArray(String[]::new))
                .bind("positions", authors.stream().map(Author::position).toArray(Integer[]::new))
                .bind("institutionAuthors", institutions.stream().map(row -> row[0]).toArray(String[]::new))
                .bind("institutionKeys", institutions.stream().map(row -> row[1]).toArray(String[]::new))
                .bind("institutionNames", institutions.stream().map(row -> row[2]).toArray(String[]::new))
                .bind("topicKeys", work.topics().stream().map(Keyed::key).toArray(String[]::new))
                .bind("topicNames", work.topics().stream().map(Keyed::name).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /**
     * Recomputes, for all {@code authorIds} at once, the current name and the neighbourhood summary, and stores a
     * summary that differs from the stored one with the next revision (revision 1 for an author seen the first time).
     * Emits the summaries that changed; an unchanged one keeps its revision and is not emitted. Run it in the
     * transaction of {@link #replaceWork}, which locked the authors.
     *
     * @param closeMinSharedWorks shared works from which a co-author counts as a close collaborator
     */
    public Mono<List<AuthorSummaryRecord>> recomputeSummaries(Collection<String> authorIds, int closeMinSharedWorks) {
        if (authorIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return database.sql("WITH affected AS ("
                        + "  SELECT DISTINCT unnest(CAST(:authors AS text[])) COLLATE \"C\" AS author_id"
                        + "), names AS ("
                        + "  INSERT INTO author (author_id, display_name) "
                        + "  SELECT DISTINCT ON (w.author_id) w.author_id, w.display_name FROM affected a "
                        + "  JOIN work_author w ON w.author_id = a.author_id JOIN work k ON k.work_id = w.work_id "
                        + "  ORDER BY w.author_id, k.publication_year DESC NULLS LAST, k.import_order DESC "
                        + "  ON CONFLICT (author_id) DO UPDATE SET display_name = EXCLUDED.display_name "
                        + "  WHERE author.display_name <> EXCLUDED.display_name"
                        + "), works AS ("
                        + "  SELECT w.author_id, count(*) AS works FROM affected a "
                        + "  JOIN work_author w ON w.author_id = a.author_id GROUP BY w.author_id"
                        + "), pairs AS ("
                        + "  SELECT me.author_id, other.author_id AS coauthor_id, count(*) AS shared FROM affected a "
                        + "  JOIN work_author me ON me.author_id = a.author_id "
                        + "  JOIN work_author other ON other.work_id = me.work_id AND other.author_id <> me.author_id "
                        + "  GROUP BY me.author_id, other.author_id"
                        + "), coauthors AS ("
                        + "  SELECT author_id, count(*) AS coauthors, "
                        + "  count(*) FILTER (WHERE shared >= :closeMin) AS close FROM pairs GROUP BY author_id"
                        + "), topics AS ("
                        + "  SELECT w.author_id, count(DISTINCT t.topic_key) AS topics FROM affected a "
                        + "  JOIN work_author w ON w.author_id = a.author_id "
                        + "  JOIN work_topic t ON t.work_id = w.work_id "
                        + "  GROUP BY w.author_id"
                        + "), institutions AS ("
                        + "  SELECT i.author_id, count(DISTINCT i.institution_key) AS institutions FROM affected a "
                        + "  JOIN authorship_institution i ON i.author_id = a.author_id GROUP BY i.author_id"
                        + ") INSERT INTO author_graph_summary AS s (author_id, " + SUMMARY_COLUMNS + ") "
                        + "SELECT a.author_id, 1, COALESCE(w.works, 0), COALESCE(c.coauthors, 0), "
                        + "COALESCE(c.close, 0), COALESCE(t.topics, 0), COALESCE(i.institutions, 0) FROM affected a "
                        + "LEFT JOIN works w ON w.author_id = a.author_id "
                        + "LEFT JOIN coauthors c ON c.author_id = a.author_id "
                        + "LEFT JOIN topics t ON t.author_id = a.author_id "
                        + "LEFT JOIN institutions i ON i.author_id = a.author_id "
                        + "ORDER BY a.author_id "
                        + "ON CONFLICT (author_id) DO UPDATE SET revision = s.revision + 1, "
                        + "work_count = EXCLUDED.work_count, coauthor_count = EXCLUDED.coauthor_count, "
                        + "close_collaborator_count = EXCLUDED.close_collaborator_count, "
                        + "topic_count = EXCLUDED.topic_count, institution_count = EXCLUDED.institution_count "
                        + "WHERE (s.work_count, s.coauthor_count, s.close_collaborator_count, s.topic_count, "
                        + "s.institution_count) IS DISTINCT FROM (EXCLUDED.work_count, EXCLUDED.coauthor_count, "
                        + "EXCLUDED.close_collaborator_count, EXCLUDED.topic_count, EXCLUDED.institution_count) "
                        + "RETURNING s.author_id, " + SUMMARY_COLUMNS)
                .bind("authors", authorIds.toArray(String[]::new))
                .bind("closeMin", closeMinSharedWorks)
                .map((row, meta) -> summary(row, null))
                .all()
                .sort(Comparator.comparing(AuthorSummaryRecord::authorId))
                .collectList();
    }

    /** The name and summary of {@code authorId}, if any work has listed them. */
    public Mono<AuthorSummaryRecord> findAuthor(String authorId) {
        return database.sql("SELECT a.author_id, a.display_name, " + SUMMARY_COLUMNS + " FROM author a "
                        + "JOIN author_graph_summary s ON s.author_id = a.author_id WHERE a.author_id = :id")
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
        String after = afterAuthorId == null ? ""
                : "WHERE c.shared < :afterShared OR (c.shared = :afterShared AND c.author_id > :afterAuthor) ";
        DatabaseClient.GenericExecuteSpec query = database.sql("WITH c AS ("
                        + "  SELECT other.author_id, count(*) AS shared FROM work_author me "
                        + "  JOIN work_author other ON other.work_id = me.work_id AND other.author_id <> me.author_id "
                        + "  WHERE me.author_id = :author GROUP BY other.author_id"
                        + ") SELECT c.author_id, a.display_name, c.shared FROM c "
                        + "JOIN author a ON a.author_id = c.author_id "
                        + after + "ORDER BY c.shared DESC, c.author_id LIMIT :limit")
                .bind("author", authorId)
                .bind("limit", limit);
        if (afterAuthorId != null) {
            query = query.bind("afterShared", afterSharedWorks).bind("afterAuthor", afterAuthorId);
        }
        return query.map((row, meta) -> new CollaboratorRecord(row.get("author_id", String.class),
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
