package org.bzpeer.profile.author.store;

import java.util.Arrays;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import reactor.core.publisher.Mono;

/**
 * What a researcher page adds to the read model: a summary of the author's record (for the description generated
 * from it), the signed-in viewer's relation to the author, and what the author's owner edits (description, open to
 * collaborate, works that are not theirs). Owners' edits are source data: made here, never derived from a topic.
 */
@Repository
public class PageStore {

    private static final String SUMMARIZE_RECORD = """
            WITH mine AS (
                SELECT w.* FROM authorship s JOIN work w ON w.work_id = s.work_id
                WHERE s.author_id = :author
                  AND NOT EXISTS (SELECT 1 FROM disowned_work d
                                  WHERE d.author_id = s.author_id AND d.work_id = s.work_id)
            )
            SELECT (SELECT count(*) FROM mine) AS works,
                   (SELECT min(publication_year) FROM mine) AS first_year,
                   (SELECT max(publication_year) FROM mine) AS last_year,
                   (SELECT array_agg(name ORDER BY n DESC, name) FROM (
                        SELECT t ->> 'name' AS name, count(*) AS n
                        FROM mine CROSS JOIN LATERAL jsonb_array_elements(mine.topics) t
                        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3) top) AS topics,
                   (SELECT array_agg(venue_name ORDER BY n DESC, venue_name) FROM (
                        SELECT venue_name, count(*) AS n FROM mine WHERE venue_name IS NOT NULL
                        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2) top) AS venues
            """;

    private static final String SAVE_EDIT = """
            INSERT INTO author_edit AS e (author_id, description, open_to_collaborate, edited_by)
            VALUES (:author, :description, coalesce(CAST(:open AS boolean), false), :user)
            ON CONFLICT (author_id) DO UPDATE SET
                description = CASE WHEN :setDescription THEN EXCLUDED.description ELSE e.description END,
                open_to_collaborate = coalesce(CAST(:open AS boolean), e.open_to_collaborate),
                edited_by = EXCLUDED.edited_by, edited_at = now()
            """;

    /** Records works as disowned; answers those that were listed for the author and not disowned before. */
    private static final String DISOWN = """
            INSERT INTO disowned_work (author_id, work_id, disowned_by)
            SELECT s.author_id, s.work_id, :user FROM authorship s
            WHERE s.author_id = :author AND s.work_id = ANY(CAST(:works AS text[]))
            ON CONFLICT DO NOTHING
            RETURNING work_id
            """;

    private final DatabaseClient database;

    public PageStore(DatabaseClient database) {
        this.database = database;
    }

    /** The author's works in numbers: how many, first and last year, main topics and venues, most frequent first. */
    public record RecordSummary(long works, Integer firstYear, Integer lastYear, List<String> topics,
            List<String> venues) {
    }

    public Mono<RecordSummary> summarize(String authorId) {
        return database.sql(SUMMARIZE_RECORD)
                .bind("author", authorId)
                .map((row, meta) -> new RecordSummary(
                        row.get("works", Long.class),
                        row.get("first_year", Integer.class),
                        row.get("last_year", Integer.class),
                        list(row.get("topics", String[].class)),
                        list(row.get("venues", String[].class))))
                .one();
    }

    /** Whether {@code userId} follows {@code authorId}. */
    public Mono<Boolean> follows(String authorId, String userId) {
        return database.sql("""
                        SELECT EXISTS (SELECT 1 FROM author_follow
                                       WHERE author_id = :author AND follower_id = :user) AS follows""")
                .bind("author", authorId)
                .bind("user", userId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("follows", Boolean.class)))
                .one();
    }

    /**
     * Stores an owner's edit: {@code description} replaces the stored one when {@code setDescription} (null reverts
     * to the generated one); {@code openToCollaborate} when not null.
     */
    public Mono<Void> saveEdit(String authorId, String userId, boolean setDescription, String description,
            Boolean openToCollaborate) {
        return database.sql(SAVE_EDIT)
                .bind("author", authorId)
                .bind("user", userId)
                .bind("setDescription", setDescription)
                .bind("description", Parameters.in(R2dbcType.VARCHAR, description))
                .bind("open", Parameters.in(R2dbcType.BOOLEAN, openToCollaborate))
                .fetch().rowsUpdated().then();
    }

    /** Disowns {@code workIds} for {@code authorId}; answers the works listed for the author and newly disowned. */
    public Mono<List<String>> disown(String authorId, String userId, List<String> workIds) {
        return database.sql(DISOWN)
                .bind("author", authorId)
                .bind("user", userId)
                .bind("works", workIds.toArray(String[]::new))
                .map((row, meta) -> row.get("work_id", String.class))
                .all()
                .collectList();
    }

    /** Which of {@code workIds} are listed for {@code authorId}, or were disowned by its owner. */
    public Mono<List<String>> knownWorks(String authorId, List<String> workIds) {
        return database.sql("""
                        SELECT work_id FROM authorship
                        WHERE author_id = :author AND work_id = ANY(CAST(:works AS text[]))
                        UNION
                        SELECT work_id FROM disowned_work
                        WHERE author_id = :author AND work_id = ANY(CAST(:works AS text[]))""")
                .bind("author", authorId)
                .bind("works", workIds.toArray(String[]::new))
                .map((row, meta) -> row.get("work_id", String.class))
                .all()
                .collectList();
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
