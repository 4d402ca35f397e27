package org.bzpeer.profile.author.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bzpeer.kit.authors.RetiredAuthors;
import org.bzpeer.kit.store.ColumnArrays;
import org.bzpeer.profile.author.store.AuthorRecord.TrustComponent;
import org.bzpeer.profile.author.store.WorkRecord.BylineAuthor;
import org.bzpeer.profile.author.store.WorkRecord.WorkTopic;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * profile-service's read model. Writes are idempotent: a work, graph summary or trust assessment replaces the
 * stored one only when its version or revision is higher, so a redelivered or out-of-order event changes nothing.
 */
@Repository
public class ProfileStore {

    private static final String ACCEPT_NEWER_VERSIONS = """
            INSERT INTO work AS w (work_id, version, type, title, publication_year, publication_date, venue_name, doi,
                arxiv_id, openalex_id, retracted, authors, abstract_text, venue_type, pmid, other_ids, topics)
            SELECT id, version, type, title, year, date, venue, doi, arxiv, openalex, retracted, CAST(authors AS jsonb),
                abstract, venue_type, pmid, CAST(other_ids AS jsonb), CAST(topics AS jsonb)
            FROM unnest(CAST(:ids AS text[]), CAST(:versions AS bigint[]), CAST(:types AS text[]),
                        CAST(:titles AS text[]), CAST(:years AS int[]), CAST(:dates AS text[]), CAST(:venues AS text[]),
                        CAST(:dois AS text[]), CAST(:arxivIds AS text[]), CAST(:openalexIds AS text[]),
                        CAST(:retracted AS boolean[]), CAST(:authors AS text[]), CAST(:abstracts AS text[]),
                        CAST(:venueTypes AS text[]), CAST(:pmids AS text[]), CAST(:otherIds AS text[]),
                        CAST(:topics AS text[]))
                AS u(id, version, type, title, year, date, venue, doi, arxiv, openalex, retracted, authors, abstract,
                     venue_type, pmid, other_ids, topics)
            ORDER BY id
            ON CONFLICT (work_id) DO UPDATE SET version = EXCLUDED.version, type = EXCLUDED.type,
                title = EXCLUDED.title, publication_year = EXCLUDED.publication_year,
                publication_date = EXCLUDED.publication_date, venue_name = EXCLUDED.venue_name, doi = EXCLUDED.doi,
                arxiv_id = EXCLUDED.arxiv_id, openalex_id = EXCLUDED.openalex_id, retracted = EXCLUDED.retracted,
                authors = EXCLUDED.authors, abstract_text = EXCLUDED.abstract_text,
                venue_type = EXCLUDED.venue_type, pmid = EXCLUDED.pmid, other_ids = EXCLUDED.other_ids,
                topics = EXCLUDED.topics
            WHERE w.version < EXCLUDED.version
            RETURNING work_id
            """;

    private static final String CLEAR_AUTHORSHIPS = """
            DELETE FROM authorship WHERE work_id = ANY(CAST(:ids AS text[])) RETURNING author_id
            """;

    /**
     * Creates the authors not stored yet and locks the others, one by one in id order, each with a new page revision:
     * their works list changes in this transaction (this store is the only writer of works and authorships).
     */
    private static final String CREATE_OR_LOCK_AUTHORS = """
            INSERT INTO author AS a (author_id, display_name)
            SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:names AS text[])) ORDER BY 1
            ON CONFLICT (author_id) DO UPDATE SET page_revision = nextval('author_page_revision')
            """;

    private static final String INSERT_AUTHORSHIPS = """
            INSERT INTO authorship (author_id, work_id, position, sort_year, sort_title, display_name, orcid,
                affiliation_id, affiliation_name, external_ids)
            SELECT a, w, p, y, t, n, o, ai, an, CAST(e AS jsonb)
            FROM unnest(CAST(:authors AS text[]), CAST(:works AS text[]), CAST(:positions AS int[]),
                        CAST(:years AS int[]), CAST(:titles AS text[]), CAST(:names AS text[]), CAST(:orcids AS text[]),
                        CAST(:affiliationIds AS text[]), CAST(:affiliationNames AS text[]),
                        CAST(:externalIds AS text[]))
                AS u(a, w, p, y, t, n, o, ai, an, e)
            ON CONFLICT (author_id, work_id) DO NOTHING
            """;

    /** An author's page identity from their authorships, most recent work first (year, then highest work id). */
    private static final String RECOMPUTE_AUTHORS = """
            WITH mine AS (
                SELECT * FROM authorship WHERE author_id = ANY(CAST(:ids AS text[]))
            ), counted AS (
                SELECT author_id, CAST(count(*) AS int) AS work_count FROM mine GROUP BY author_id
            ), named AS (
                SELECT DISTINCT ON (author_id) author_id, display_name FROM mine
                ORDER BY author_id, sort_year DESC, work_id DESC
            ), with_orcid AS (
                SELECT DISTINCT ON (author_id) author_id, orcid FROM mine WHERE orcid IS NOT NULL
                ORDER BY author_id, sort_year DESC, work_id DESC
            ), affiliated AS (
                SELECT DISTINCT ON (author_id) author_id, affiliation_id, affiliation_name FROM mine
                WHERE affiliation_name IS NOT NULL
                ORDER BY author_id, sort_year DESC, work_id DESC
            ), derived AS (
                SELECT n.author_id, n.display_name, o.orcid, f.affiliation_id, f.affiliation_name, c.work_count
                FROM named n JOIN counted c USING (author_id) LEFT JOIN with_orcid o USING (author_id)
                LEFT JOIN affiliated f USING (author_id)
            )
            UPDATE author a SET display_name = d.display_name, orcid = d.orcid, affiliation_id = d.affiliation_id,
                affiliation_name = d.affiliation_name, work_count = d.work_count, updated_at = now()
            FROM derived d
            WHERE a.author_id = d.author_id
              AND (a.display_name, a.orcid, a.affiliation_id, a.affiliation_name, a.work_count)
                  IS DISTINCT FROM (d.display_name, d.orcid, d.affiliation_id, d.affiliation_name, d.work_count)
            """;

    /** Authors among {@code :ids} whose name tokens were not folded from their current display name. */
    private static final String STALE_NAME_TOKENS = """
            SELECT author_id, display_name FROM author
            WHERE author_id = ANY(CAST(:ids AS text[])) AND name_tokens_of IS DISTINCT FROM display_name
            """;

    /** Up to {@code :limit} authors anywhere whose name tokens are stale, locked in id order. */
    private static final String LOCK_STALE_NAME_TOKENS = """
            SELECT author_id, display_name FROM author WHERE name_tokens_of IS DISTINCT FROM display_name
            ORDER BY author_id LIMIT :limit FOR UPDATE
            """;

    /**
     * Tokens (space-separated) folded from a display name, kept only while that is still the author's name; a retired
     * author (merged into another) gets none, so search does not find them.
     */
    private static final String SAVE_NAME_TOKENS = """
            UPDATE author a SET name_tokens = CASE WHEN EXISTS (
                    SELECT 1 FROM retired_author r WHERE r.author_id = a.author_id AND r.revived_at IS NULL)
                THEN CAST('{}' AS text[]) ELSE string_to_array(u.tokens, ' ') END,
                name_tokens_of = u.name
            FROM unnest(CAST(:ids AS text[]), CAST(:names AS text[]), CAST(:tokens AS text[])) AS u(id, name, tokens)
            WHERE a.author_id = u.id AND a.display_name = u.name
            """;

    private static final String CLEAR_EXTERNAL_IDS = """
            DELETE FROM author_external_id WHERE author_id = ANY(CAST(:ids AS text[]))
            """;

    /** An identifier two authorships give to two authors (ingest never does) goes to the lower author id. */
    private static final String INSERT_EXTERNAL_IDS = """
            INSERT INTO author_external_id (scheme, value, author_id)
            SELECT DISTINCT ON (e.key, e.value) e.key, e.value, s.author_id
            FROM authorship s CROSS JOIN LATERAL jsonb_each_text(s.external_ids) e
            WHERE s.author_id = ANY(CAST(:ids AS text[]))
            ORDER BY e.key, e.value, s.author_id
            ON CONFLICT (scheme, value) DO UPDATE SET author_id = LEAST(author_external_id.author_id,
                EXCLUDED.author_id)
            """;

    /** Authors no work lists any more have no works to count (they stay while claimed or followed). */
    private static final String ZERO_WORK_COUNTS = """
            UPDATE author a SET work_count = 0, updated_at = now()
            WHERE a.author_id = ANY(CAST(:ids AS text[])) AND a.work_count <> 0
              AND NOT EXISTS (SELECT 1 FROM authorship s WHERE s.author_id = a.author_id)
            """;

    /** Authors no work lists any more, unless someone claimed or follows them: their page goes. */
    private static final String REMOVE_AUTHORS_WITHOUT_WORKS = """
            DELETE FROM author a
            WHERE a.author_id = ANY(CAST(:ids AS text[]))
              AND NOT EXISTS (SELECT 1 FROM authorship s WHERE s.author_id = a.author_id)
              AND NOT EXISTS (SELECT 1 FROM author_claim c WHERE c.author_id = a.author_id)
              AND NOT EXISTS (SELECT 1 FROM author_follow f WHERE f.author_id = a.author_id)
            """;

    private static final String SAVE_GRAPH_SUMMARIES = """
            INSERT INTO author_graph_summary AS g (author_id, revision, coauthor_count, close_collaborator_count,
                topic_count, institution_count)
            SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:revisions AS bigint[]), CAST(:coauthors AS int[]),
                                 CAST(:close AS int[]), CAST(:topics AS int[]), CAST(:institutions AS int[]))
            ORDER BY 1
            ON CONFLICT (author_id) DO UPDATE SET revision = EXCLUDED.revision,
                coauthor_count = EXCLUDED.coauthor_count, close_collaborator_count = EXCLUDED.close_collaborator_count,
                topic_count = EXCLUDED.topic_count, institution_count = EXCLUDED.institution_count
            WHERE g.revision < EXCLUDED.revision
            """;

    private static final String SAVE_TRUST = """
            INSERT INTO author_trust AS t (author_id, revision, score, band, verification_level, claimed, components)
            SELECT id, revision, score, band, level, claimed, CAST(components AS jsonb)
            FROM unnest(CAST(:ids AS text[]), CAST(:revisions AS bigint[]), CAST(:scores AS int[]),
                        CAST(:bands AS text[]), CAST(:levels AS text[]), CAST(:claimed AS boolean[]),
                        CAST(:components AS text[]))
                AS u(id, revision, score, band, level, claimed, components)
            ORDER BY 1
            ON CONFLICT (author_id) DO UPDATE SET revision = EXCLUDED.revision, score = EXCLUDED.score,
                band = EXCLUDED.band, verification_level = EXCLUDED.verification_level, claimed = EXCLUDED.claimed,
                components = EXCLUDED.components
            WHERE t.revision < EXCLUDED.revision
            """;

    private static final String PAGE_STATE_SQL = """
            SELECT (SELECT page_revision FROM author WHERE author_id = :id) AS page_revision,
                   %s AS retired
            """.formatted(RetiredAuthors.retiredCondition("retired_author", ":id"));

    private static final TypeReference<Map<String, String>> OTHER_IDS = new TypeReference<>() {
    };

    private final DatabaseClient database;
    private final JsonMapper json;

    public ProfileStore(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    /**
     * Stores each of {@code works} (at most one version per work) that is newer than the stored version, replacing
     * its authorships, and recomputes every author it touches (listed by the replaced or the new version): name,
     * ORCID and affiliation from their most recent authorship that has one, external ids from all of them. An author
     * left without works, claim or followers is removed. Run in a transaction.
     *
     * <p>Authors are created or locked in id order before their authorships change, so instances applying works of
     * the same authors wait for each other instead of deadlocking, and each recomputes from what the other committed.
     */
    public Mono<Void> saveWorks(List<WorkImported> works) {
        if (works.isEmpty()) {
            return Mono.empty();
        }
        return acceptNewerVersions(works).flatMap(accepted -> {
            if (accepted.isEmpty()) {
                return Mono.empty();
            }
            return clearAuthorships(accepted).flatMap(previousAuthors -> {
                Set<String> touched = new TreeSet<>(previousAuthors);
                accepted.forEach(work -> work.getAuthorships().forEach(a -> touched.add(a.getAuthorId())));
                String[] authorIds = touched.toArray(String[]::new);
                return createOrLockAuthors(accepted, authorIds)
                        .then(insertAuthorships(accepted))
                        .then(recomputeAuthors(authorIds));
            });
        });
    }

    private Mono<List<WorkImported>> acceptNewerVersions(List<WorkImported> works) {
        ColumnArrays rows = new ColumnArrays(17);
        for (WorkImported work : works) {
            List<Map<String, String>> authors = work.getAuthorships().stream()
                    .map(authorship -> Map.of("id", authorship.getAuthorId(), "name", authorship.getDisplayName()))
                    .toList();
            List<Map<String, Object>> topics = work.getTopics().stream().map(topic -> {
                Map<String, Object> fields = new TreeMap<>();
                fields.put("id", topic.getId());
                fields.put("name", topic.getName());
                fields.put("score", topic.getScore());
                return fields;
            }).toList();
            rows.add(work.getWorkId(), work.getVersion(), work.getType(), work.getTitle(), work.getPublicationYear(),
                    work.getPublicationDate(), work.getVenue() == null ? null : work.getVenue().getName(),
                    work.getIdentifiers().getDoi(), work.getIdentifiers().getArxivId(),
                    work.getIdentifiers().getOpenalexId(), work.getRetracted(), json.writeValueAsString(authors),
                    work.getAbstractText(), work.getVenue() == null ? null : work.getVenue().getType(),
                    work.getIdentifiers().getPmid(), json.writeValueAsString(work.getIdentifiers().getOther()),
                    json.writeValueAsString(topics));
        }
        return database.sql(ACCEPT_NEWER_VERSIONS)
                .bind("ids", rows.texts(0))
                .bind("versions", rows.longs(1))
                .bind("types", rows.texts(2))
                .bind("titles", rows.texts(3))
                .bind("years", rows.integers(4))
                .bind("dates", rows.texts(5))
                .bind("venues", rows.texts(6))
                .bind("dois", rows.texts(7))
                .bind("arxivIds", rows.texts(8))
                .bind("openalexIds", rows.texts(9))
                .bind("retracted", rows.booleans(10))
                .bind("authors", rows.texts(11))
                .bind("abstracts", rows.texts(12))
                .bind("venueTypes", rows.texts(13))
                .bind("pmids", rows.texts(14))
                .bind("otherIds", rows.texts(15))
                .bind("topics", rows.texts(16))
                .map((row, meta) -> row.get("work_id", String.class))
                .all()
                .collect(HashSet<String>::new, Set::add)
                .map(accepted -> works.stream().filter(work -> accepted.contains(work.getWorkId())).toList());
    }

    private Mono<List<String>> clearAuthorships(List<WorkImported> works) {
        return database.sql(CLEAR_AUTHORSHIPS)
                .bind("ids", works.stream().map(WorkImported::getWorkId).toArray(String[]::new))
                .map((row, meta) -> row.get("author_id", String.class))
                .all()
                .collectList();
    }

    private Mono<Void> createOrLockAuthors(List<WorkImported> works, String[] authorIds) {
        Map<String, String> names = new HashMap<>();
        works.forEach(work -> work.getAuthorships()
                .forEach(authorship -> names.putIfAbsent(authorship.getAuthorId(), authorship.getDisplayName())));
        return database.sql(CREATE_OR_LOCK_AUTHORS)
                .bind("ids", authorIds)
                .bind("names", Arrays.stream(authorIds).map(id -> names.getOrDefault(id, "")).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    private Mono<Void> insertAuthorships(List<WorkImported> works) {
        ColumnArrays rows = new ColumnArrays(10);
        for (WorkImported work : works) {
            WorkListPosition position = WorkListPosition.of(work);
            for (Authorship authorship : work.getAuthorships()) {
                Map<String, String> external = new TreeMap<>(authorship.getExternalIds());
                if (authorship.getOrcid() != null) {
                    external.put("orcid", authorship.getOrcid());
                }
                Institution affiliation = authorship.getInstitutions().isEmpty() ? null
                        : authorship.getInstitutions().get(0);
                rows.add(authorship.getAuthorId(), work.getWorkId(), authorship.getPosition(), position.sortYear(),
                        position.sortTitle(), authorship.getDisplayName(), authorship.getOrcid(),
                        affiliation == null ? null : affiliation.getId(),
                        affiliation == null ? null : affiliation.getName(), json.writeValueAsString(external));
            }
        }
        if (rows.size() == 0) {
            return Mono.empty();
        }
        return database.sql(INSERT_AUTHORSHIPS)
                .bind("authors", rows.texts(0))
                .bind("works", rows.texts(1))
                .bind("positions", rows.integers(2))
                .bind("years", rows.integers(3))
                .bind("titles", rows.texts(4))
                .bind("names", rows.texts(5))
                .bind("orcids", rows.texts(6))
                .bind("affiliationIds", rows.texts(7))
                .bind("affiliationNames", rows.texts(8))
                .bind("externalIds", rows.texts(9))
                .fetch().rowsUpdated().then();
    }

    /**
     * Recomputes {@code authorIds} from their stored authorships, as a change of their works does: an author left
     * without works, claim or followers is removed. Run in a transaction.
     */
    public Mono<Void> recompute(Collection<String> authorIds) {
        return authorIds.isEmpty() ? Mono.empty() : recomputeAuthors(new TreeSet<>(authorIds).toArray(String[]::new));
    }

    private Mono<Void> recomputeAuthors(String[] authorIds) {
        return database.sql(RECOMPUTE_AUTHORS).bind("ids", authorIds).fetch().rowsUpdated()
                .then(database.sql(CLEAR_EXTERNAL_IDS).bind("ids", authorIds).fetch().rowsUpdated())
                .then(database.sql(INSERT_EXTERNAL_IDS).bind("ids", authorIds).fetch().rowsUpdated())
                .then(database.sql(ZERO_WORK_COUNTS).bind("ids", authorIds).fetch().rowsUpdated())
                .then(database.sql(REMOVE_AUTHORS_WITHOUT_WORKS).bind("ids", authorIds).fetch().rowsUpdated())
                .then(saveNameTokens(database.sql(STALE_NAME_TOKENS).bind("ids", authorIds)))
                .then();
    }

    /**
     * Folds the name tokens of {@code authorIds} again, now: after a merge retired them (they get none) or a work
     * brought them back. Run in a transaction.
     */
    public Mono<Void> refoldNameTokens(Collection<String> authorIds) {
        if (authorIds.isEmpty()) {
            return Mono.empty();
        }
        String[] ids = authorIds.toArray(String[]::new);
        return database.sql("UPDATE author SET name_tokens_of = NULL WHERE author_id = ANY(CAST(:ids AS text[]))")
                .bind("ids", ids)
                .fetch().rowsUpdated()
                .then(saveNameTokens(database.sql(STALE_NAME_TOKENS).bind("ids", ids)))
                .then();
    }

    /**
     * Folds the name tokens of up to {@code limit} authors whose tokens are stale (rows written before search
     * existed), locking them in id order as the projection does; run in a transaction.
     *
     * @return how many authors were stale
     */
    public Mono<Integer> refreshStaleNameTokens(int limit) {
        return saveNameTokens(database.sql(LOCK_STALE_NAME_TOKENS).bind("limit", limit));
    }

    private Mono<Integer> saveNameTokens(DatabaseClient.GenericExecuteSpec staleAuthors) {
        return staleAuthors.map((row, meta) -> Map.entry(row.get("author_id", String.class),
                        row.get("display_name", String.class)))
                .all()
                .collectList()
                .flatMap(stale -> {
                    if (stale.isEmpty()) {
                        return Mono.just(0);
                    }
                    return database.sql(SAVE_NAME_TOKENS)
                            .bind("ids", stale.stream().map(Map.Entry::getKey).toArray(String[]::new))
                            .bind("names", stale.stream().map(Map.Entry::getValue).toArray(String[]::new))
                            .bind("tokens", stale.stream().map(author -> String.join(" ",
                                    NameTokens.of(author.getValue()))).toArray(String[]::new))
                            .fetch().rowsUpdated()
                            .thenReturn(stale.size());
                });
    }

    /** Stores each of {@code summaries} (one per author) whose revision is higher than the stored one. */
    public Mono<Void> saveGraphSummaries(List<AuthorGraphUpdated> summaries) {
        if (summaries.isEmpty()) {
            return Mono.empty();
        }
        return database.sql(SAVE_GRAPH_SUMMARIES)
                .bind("ids", summaries.stream().map(AuthorGraphUpdated::getAuthorId).toArray(String[]::new))
                .bind("revisions", summaries.stream().map(AuthorGraphUpdated::getRevision).toArray(Long[]::new))
                .bind("coauthors", summaries.stream().map(AuthorGraphUpdated::getCoauthorCount)
                        .toArray(Integer[]::new))
                .bind("close", summaries.stream().map(AuthorGraphUpdated::getCloseCollaboratorCount)
                        .toArray(Integer[]::new))
                .bind("topics", summaries.stream().map(AuthorGraphUpdated::getTopicCount).toArray(Integer[]::new))
                .bind("institutions", summaries.stream().map(AuthorGraphUpdated::getInstitutionCount)
                        .toArray(Integer[]::new))
                .fetch().rowsUpdated().then();
    }

    /** Stores each of {@code assessments} (one per author) whose revision is higher than the stored one. */
    public Mono<Void> saveTrust(List<TrustUpdated> assessments) {
        if (assessments.isEmpty()) {
            return Mono.empty();
        }
        return database.sql(SAVE_TRUST)
                .bind("ids", assessments.stream().map(TrustUpdated::getAuthorId).toArray(String[]::new))
                .bind("revisions", assessments.stream().map(TrustUpdated::getRevision).toArray(Long[]::new))
                .bind("scores", assessments.stream().map(TrustUpdated::getScore).toArray(Integer[]::new))
                .bind("bands", assessments.stream().map(TrustUpdated::getBand).toArray(String[]::new))
                .bind("levels", assessments.stream().map(TrustUpdated::getVerificationLevel).toArray(String[]::new))
                .bind("claimed", assessments.stream().map(TrustUpdated::getClaimed).toArray(Boolean[]::new))
                .bind("components", assessments.stream().map(assessment -> json.writeValueAsString(
                        assessment.getComponents().stream().map(component -> Map.of(
                                "name", component.getName(), "points", component.getPoints(),
                                "maxPoints", component.getMaxPoints(), "reason", component.getExplanation()))
                                .toList())).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /**
     * Whether an author id is retired by a merge, and its page revision ({@code null} when no author has the id): the
     * revision changes whenever anything the page shows changes, except the summary a generated description is written
     * from (see migration V8).
     */
    public record PageState(Long pageRevision, boolean retired) {
    }

    /** The {@link PageState} of {@code authorId}, in one round trip. */
    public Mono<PageState> findPageState(String authorId) {
        return database.sql(PAGE_STATE_SQL)
                .bind("id", authorId)
                .map((row, meta) -> new PageState(row.get("page_revision", Long.class),
                        Boolean.TRUE.equals(row.get("retired", Boolean.class))))
                .one();
    }

    /**
     * The profile of {@code authorId}, if known, with what its owner wrote on it; its external ids are read after the
     * rest, so they are never older than its page revision.
     */
    public Mono<AuthorRecord> findAuthor(String authorId) {
        return database.sql("""
                        SELECT a.author_id, a.display_name, a.orcid, a.affiliation_id, a.affiliation_name,
                               CAST(a.work_count AS bigint) AS work_count,
                               (SELECT count(*) FROM author_follow f WHERE f.author_id = a.author_id
                                  AND NOT EXISTS (SELECT 1 FROM author_claim o
                                                  WHERE o.author_id = f.author_id AND o.user_id = f.follower_id)
                               ) AS follower_count,
                               EXISTS (SELECT 1 FROM author_claim c WHERE c.author_id = a.author_id) AS claimed,
                               g.coauthor_count, g.close_collaborator_count, g.topic_count, g.institution_count,
                               t.score, t.band, t.verification_level, t.components,
                               e.description, coalesce(e.open_to_collaborate, false) AS open_to_collaborate,
                               a.page_revision
                        FROM author a
                        LEFT JOIN author_graph_summary g ON g.author_id = a.author_id
                        LEFT JOIN author_trust t ON t.author_id = a.author_id
                        LEFT JOIN author_edit e ON e.author_id = a.author_id
                        WHERE a.author_id = :id""")
                .bind("id", authorId)
                .map((row, meta) -> new AuthorRecord(
                        row.get("author_id", String.class),
                        row.get("display_name", String.class),
                        row.get("orcid", String.class),
                        row.get("affiliation_id", String.class),
                        row.get("affiliation_name", String.class),
                        row.get("work_count", Long.class),
                        row.get("follower_count", Long.class),
                        row.get("coauthor_count", Integer.class),
                        row.get("close_collaborator_count", Integer.class),
                        row.get("topic_count", Integer.class),
                        row.get("institution_count", Integer.class),
                        row.get("score", Integer.class),
                        row.get("band", String.class),
                        row.get("verification_level", String.class),
                        trustComponents(row.get("components", Json.class)),
                        row.get("claimed", Boolean.class),
                        row.get("description", String.class),
                        Boolean.TRUE.equals(row.get("open_to_collaborate", Boolean.class)),
                        Map.of(),
                        row.get("page_revision", Long.class)))
                .one()
                .flatMap(author -> externalIds(authorId).map(author::withExternalIds));
    }

    private List<TrustComponent> trustComponents(Json stored) {
        return stored == null ? List.of()
                : List.of(json.readValue(stored.asArray(), TrustComponent[].class));
    }

    private Mono<Map<String, String>> externalIds(String authorId) {
        return database.sql("""
                        SELECT scheme, value FROM author_external_id WHERE author_id = :id ORDER BY scheme, value""")
                .bind("id", authorId)
                .map((row, meta) -> Map.entry(row.get("scheme", String.class), row.get("value", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
    }

    /**
     * Works of {@code authorId} that {@code filter} admits, newest first (unknown year last), then by title, strictly
     * after {@code after} when given (keyset pagination). Works the author's owner disowned are left out.
     */
    public Mono<List<WorkRecord>> findWorks(String authorId, WorkFilter filter, WorkListPosition after, int limit) {
        return database.sql("""
                        SELECT w.work_id, w.type, w.title, w.publication_year, w.publication_date, w.venue_name,
                               w.venue_type, w.doi, w.arxiv_id, w.openalex_id, w.pmid, w.other_ids, w.retracted,
                               w.abstract_text, w.authors, w.topics, s.sort_year, s.sort_title
                        FROM authorship s JOIN work w ON w.work_id = s.work_id
                        WHERE s.author_id = :author
                          AND (CAST(:afterYear AS int) IS NULL OR s.sort_year < :afterYear
                               OR (s.sort_year = :afterYear AND (s.sort_title > :afterTitle
                                   OR (s.sort_title = :afterTitle AND s.work_id > :afterWork))))
                          AND (CAST(:yearFrom AS int) IS NULL OR s.sort_year >= :yearFrom)
                          AND (CAST(:yearTo AS int) IS NULL OR s.sort_year BETWEEN 0 AND :yearTo)
                          AND (CAST(:types AS text[]) IS NULL OR w.type = ANY(CAST(:types AS text[])))
                          AND NOT EXISTS (SELECT 1 FROM disowned_work d
                                          WHERE d.author_id = s.author_id AND d.work_id = s.work_id)
                        ORDER BY s.sort_year DESC, s.sort_title, s.work_id
                        LIMIT :limit""")
                .bind("author", authorId)
                .bind("limit", limit)
                .bind("afterYear", Parameters.in(R2dbcType.INTEGER, after == null ? null : after.sortYear()))
                .bind("afterTitle", Parameters.in(R2dbcType.VARCHAR, after == null ? null : after.sortTitle()))
                .bind("afterWork", Parameters.in(R2dbcType.VARCHAR, after == null ? null : after.workId()))
                .bind("yearFrom", Parameters.in(R2dbcType.INTEGER, filter.yearFrom()))
                .bind("yearTo", Parameters.in(R2dbcType.INTEGER, filter.yearTo()))
                .bind("types", Parameters.in(R2dbcType.VARCHAR,
                        filter.types().isEmpty() ? null : filter.types().toArray(String[]::new)))
                .map((row, meta) -> new WorkRecord(
                        row.get("work_id", String.class),
                        row.get("type", String.class),
                        row.get("title", String.class),
                        row.get("publication_year", Integer.class),
                        row.get("publication_date", String.class),
                        row.get("venue_name", String.class),
                        row.get("venue_type", String.class),
                        row.get("doi", String.class),
                        row.get("arxiv_id", String.class),
                        row.get("openalex_id", String.class),
                        row.get("pmid", String.class),
                        json.readValue(row.get("other_ids", Json.class).asArray(), OTHER_IDS),
                        Boolean.TRUE.equals(row.get("retracted", Boolean.class)),
                        row.get("abstract_text", String.class),
                        List.of(json.readValue(row.get("authors", Json.class).asArray(), BylineAuthor[].class)),
                        List.of(json.readValue(row.get("topics", Json.class).asArray(), WorkTopic[].class)),
                        new WorkListPosition(row.get("sort_year", Integer.class), row.get("sort_title", String.class),
                                row.get("work_id", String.class))))
                .all()
                .collectList();
    }

    /** The author known by external id {@code scheme}/{@code value}, if any. */
    public Mono<String> findAuthorIdByExternalId(String scheme, String value) {
        return database.sql("""
                        SELECT author_id FROM author_external_id WHERE scheme = :scheme AND value = :value""")
                .bind("scheme", scheme)
                .bind("value", value)
                .map((row, meta) -> row.get("author_id", String.class))
                .one();
    }
}
