package org.bzpeer.trust.assessment.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeSet;

import org.bzpeer.trust.assessment.model.AuthorFacts;
import org.bzpeer.trust.assessment.model.Band;
import org.bzpeer.trust.assessment.model.ScoreComponent;
import org.bzpeer.trust.assessment.model.TrustAssessment;
import org.bzpeer.trust.assessment.model.VerificationLevel;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Current trust assessments, and the facts of authors gathered set-based (one query for a whole batch of authors).
 * Callers reassess an author only while holding its pending mark ({@link org.bzpeer.kit.pending.PendingKeys}), so
 * instances reassess one author one after the other, each reading what the one before committed.
 */
@Repository
public class AssessmentStore {

    private static final TypeReference<List<ScoreComponent>> COMPONENTS = new TypeReference<>() {
    };

    private static final String LOAD = """
            WITH target AS (
                SELECT DISTINCT unnest(CAST(:ids AS text[])) AS author_id
            ), record AS (
                SELECT s.author_id,
                    count(*) FILTER (WHERE NOT s.retracted) AS works,
                    count(*) FILTER (WHERE NOT s.retracted AND s.has_identifier) AS identified,
                    count(*) FILTER (WHERE s.retracted) AS retracted,
                    min(s.publication_year) FILTER (WHERE NOT s.retracted) AS first_year,
                    max(s.publication_year) FILTER (WHERE NOT s.retracted) AS last_year,
                    array_agg(DISTINCT s.orcid) FILTER (WHERE s.orcid IS NOT NULL) AS orcids,
                    array_agg(DISTINCT s.id_schemes) AS schemes
                FROM authorship s WHERE s.author_id = ANY (CAST(:ids AS text[])) GROUP BY s.author_id
            )
            SELECT target.author_id, r.works, r.identified, r.retracted, r.first_year, r.last_year, r.orcids,
                r.schemes, g.coauthor_count, c.user_id, c.verified_orcid, t.revision, t.score, t.band,
                t.verification_level, t.claimed, t.components, t.computed_at,
                EXISTS (SELECT 1 FROM retired_author x
                        WHERE x.author_id = target.author_id AND x.revived_at IS NULL) AS retired
            FROM target LEFT JOIN record r USING (author_id)
            LEFT JOIN author_graph_summary g USING (author_id) LEFT JOIN author_claim c USING (author_id)
            LEFT JOIN author_trust t USING (author_id)
            ORDER BY target.author_id
            """;

    private static final String SAVE = """
            INSERT INTO author_trust AS t (author_id, revision, score, band, verification_level, claimed, components,
                computed_at)
            SELECT id, nextval('assessment_revision'), score, band, level, claimed, CAST(components AS jsonb),
                :computedAt
            FROM unnest(CAST(:ids AS text[]), CAST(:scores AS int[]), CAST(:bands AS text[]), CAST(:levels AS text[]),
                        CAST(:claimed AS boolean[]), CAST(:components AS text[]))
                AS u(id, score, band, level, claimed, components)
            ORDER BY id
            ON CONFLICT (author_id) DO UPDATE SET revision = EXCLUDED.revision, score = EXCLUDED.score,
                band = EXCLUDED.band, verification_level = EXCLUDED.verification_level, claimed = EXCLUDED.claimed,
                components = EXCLUDED.components, computed_at = EXCLUDED.computed_at
            RETURNING t.author_id, t.revision
            """;

    private static final String FIND = """
            SELECT author_id, revision, score, band, verification_level, claimed, components, computed_at
            FROM author_trust WHERE author_id = :id
            """;

    private final DatabaseClient database;
    private final JsonMapper json;

    public AssessmentStore(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    /** The facts and current assessment of each of {@code authorIds}, in one query. */
    public Mono<List<AuthorState>> load(Collection<String> authorIds) {
        return database.sql(LOAD)
                .bind("ids", authorIds.toArray(String[]::new))
                .map((row, meta) -> state(row))
                .all()
                .collectList();
    }

    /**
     * Stores {@code assessments} in place of the current ones, each with a new revision from one sequence (so an
     * author's revisions only grow), in one statement; emits the stored assessments with their revisions.
     */
    public Mono<List<StoredAssessment>> save(List<TrustAssessmentOf> assessments, Instant computedAt) {
        if (assessments.isEmpty()) {
            return Mono.just(List.of());
        }
        Map<String, TrustAssessment> byAuthor = new HashMap<>();
        assessments.forEach(entry -> byAuthor.put(entry.authorId(), entry.assessment()));
        List<TrustAssessment> values = assessments.stream().map(TrustAssessmentOf::assessment).toList();
        return database.sql(SAVE)
                .bind("ids", assessments.stream().map(TrustAssessmentOf::authorId).toArray(String[]::new))
                .bind("scores", values.stream().map(TrustAssessment::score).toArray(Integer[]::new))
                .bind("bands", values.stream().map(value -> value.band().label()).toArray(String[]::new))
                .bind("levels", values.stream().map(value -> value.verificationLevel().name()).toArray(String[]::new))
                .bind("claimed", values.stream().map(TrustAssessment::claimed).toArray(Boolean[]::new))
                .bind("components", values.stream().map(value -> json.writeValueAsString(value.components()))
                        .toArray(String[]::new))
                .bind("computedAt", computedAt)
                .map((row, meta) -> {
                    String authorId = row.get("author_id", String.class);
                    return new StoredAssessment(authorId, row.get("revision", Long.class), byAuthor.get(authorId),
                            computedAt);
                })
                .all()
                .sort(Comparator.comparing(StoredAssessment::authorId))
                .collectList();
    }

    /** Removes the assessments of {@code authorIds}: authors with neither a work nor a claim any more. */
    public Mono<Void> remove(Collection<String> authorIds) {
        if (authorIds.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("DELETE FROM author_trust WHERE author_id = ANY(CAST(:ids AS text[]))")
                .bind("ids", authorIds.toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /** A new assessment of an author, not stored yet. */
    public record TrustAssessmentOf(String authorId, TrustAssessment assessment) {
    }

    /** The current assessment of {@code authorId}, if it has one. */
    public Mono<StoredAssessment> find(String authorId) {
        return database.sql(FIND)
                .bind("id", authorId)
                .map((row, meta) -> assessment(row))
                .one();
    }

    private AuthorState state(Readable row) {
        String authorId = row.get("author_id", String.class);
        int works = intOrZero(row.get("works", Long.class));
        boolean claimed = row.get("user_id", String.class) != null;
        AuthorFacts facts = new AuthorFacts(
                works,
                intOrZero(row.get("identified", Long.class)),
                intOrZero(row.get("retracted", Long.class)),
                row.get("first_year", Integer.class),
                row.get("last_year", Integer.class),
                sorted(row.get("orcids", String[].class)),
                schemes(row.get("schemes", String[].class)),
                row.get("coauthor_count", Integer.class),
                claimed,
                row.get("verified_orcid", String.class));
        StoredAssessment current = row.get("revision", Long.class) == null ? null : assessment(row);
        return new AuthorState(authorId, facts, current, Boolean.TRUE.equals(row.get("retired", Boolean.class)));
    }

    private StoredAssessment assessment(Readable row) {
        TrustAssessment assessment = new TrustAssessment(
                row.get("score", Integer.class),
                Band.valueOf(row.get("band", String.class).toUpperCase(Locale.ROOT)),
                VerificationLevel.valueOf(row.get("verification_level", String.class)),
                Boolean.TRUE.equals(row.get("claimed", Boolean.class)),
                json.readValue(row.get("components", Json.class).asString(), COMPONENTS));
        return new StoredAssessment(row.get("author_id", String.class), row.get("revision", Long.class), assessment,
                row.get("computed_at", Instant.class));
    }

    private static TreeSet<String> sorted(String[] values) {
        return values == null ? new TreeSet<>() : new TreeSet<>(Arrays.asList(values));
    }

    /** The distinct schemes in the stored scheme lists of an author's authorships. */
    private static TreeSet<String> schemes(String[] schemeLists) {
        TreeSet<String> schemes = new TreeSet<>();
        if (schemeLists != null) {
            for (String list : schemeLists) {
                Arrays.stream(list.split(FactStore.SCHEME_SEPARATOR)).filter(scheme -> !scheme.isEmpty())
                        .forEach(schemes::add);
            }
        }
        return schemes;
    }

    private static int intOrZero(Long count) {
        return count == null ? 0 : Math.toIntExact(count);
    }
}
