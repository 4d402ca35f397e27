package org.bzpeer.profile.author.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * profile-service's read model. Writes are idempotent: a work, graph summary or trust assessment replaces the
 * stored one only when its version or revision is higher, so a redelivered or out-of-order event changes nothing.
 */
@Repository
public class ProfileStore {

    private final DatabaseClient database;
    private final JsonMapper json;

    public ProfileStore(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    /**
     * Stores {@code work} if it is newer than the stored version, with its authors, authorships and their external
     * ids; emits whether it was applied. Run in a transaction.
     */
    public Mono<Boolean> saveWork(WorkImported work) {
        List<Map<String, String>> authors = work.getAuthorships().stream()
                .map(authorship -> Map.of("id", authorship.getAuthorId(), "name", authorship.getDisplayName()))
                .toList();
        return database.sql("INSERT INTO work (work_id, version, type, title, publication_year, publication_date, "
                        + "venue_name, doi, arxiv_id, openalex_id, retracted, authors) VALUES (:id, :version, :type, "
                        + ":title, :year, :date, :venue, :doi, :arxiv, :openalex, :retracted, :authors) "
                        + "ON CONFLICT (work_id) DO UPDATE SET version = EXCLUDED.version, type = EXCLUDED.type, "
                        + "title = EXCLUDED.title, publication_year = EXCLUDED.publication_year, "
                        + "publication_date = EXCLUDED.publication_date, venue_name = EXCLUDED.venue_name, "
                        + "doi = EXCLUDED.doi, arxiv_id = EXCLUDED.arxiv_id, openalex_id = EXCLUDED.openalex_id, "
                        + "retracted = EXCLUDED.retracted, authors = EXCLUDED.authors "
                        + "WHERE work.version < EXCLUDED.version")
                .bind("id", work.getWorkId())
                .bind("version", work.getVersion())
                .bind("type", work.getType())
                .bind("title", nullable(work.getTitle()))
                .bind("year", nullable(work.getPublicationYear(), Integer.class))
                .bind("date", nullable(work.getPublicationDate()))
                .bind("venue", nullable(work.getVenue() == null ? null : work.getVenue().getName()))
                .bind("doi", nullable(work.getIdentifiers().getDoi()))
                .bind("arxiv", nullable(work.getIdentifiers().getArxivId()))
                .bind("openalex", nullable(work.getIdentifiers().getOpenalexId()))
                .bind("retracted", work.getRetracted())
                .bind("authors", Json.of(json.writeValueAsString(authors)))
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.just(false)
                        : saveAuthors(work).then(replaceAuthorships(work)).then(saveExternalIds(work)).thenReturn(true));
    }

    private Mono<Void> saveAuthors(WorkImported work) {
        if (work.getAuthorships().isEmpty()) {
            return Mono.empty();
        }
        List<Authorship> authorships = work.getAuthorships();
        Integer year = work.getPublicationYear();
        return database.sql("INSERT INTO author (author_id, display_name, orcid, affiliation_id, affiliation_name, "
                        + "profile_year) SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:names AS text[]), "
                        + "CAST(:orcids AS text[]), CAST(:affiliationIds AS text[]), CAST(:affiliationNames AS text[]), "
                        + "CAST(:years AS int[])) "
                        + "ON CONFLICT (author_id) DO UPDATE SET "
                        + "display_name = CASE WHEN COALESCE(EXCLUDED.profile_year, -1) >= COALESCE(author.profile_year, -1) "
                        + "  THEN EXCLUDED.display_name ELSE author.display_name END, "
                        + "affiliation_id = CASE WHEN COALESCE(EXCLUDED.profile_year, -1) >= COALESCE(author.profile_year, -1) "
                        + "  AND EXCLUDED.affiliation_name IS NOT NULL THEN EXCLUDED.affiliation_id ELSE author.affiliation_id END, "
                        + "affiliation_name = CASE WHEN COALESCE(EXCLUDED.profile_year, -1) >= COALESCE(author.profile_year, -1) "
                        + "  AND EXCLUDED.affiliation_name IS NOT NULL THEN EXCLUDED.affiliation_name ELSE author.affiliation_name END, "
                        + "profile_year = GREATEST(EXCLUDED.profile_year, author.profile_year), "
                        + "orcid = COALESCE(EXCLUDED.orcid, author.orcid), updated_at = now()")
                .bind("ids", authorships.stream().map(Authorship::getAuthorId).toArray(String[]::new))
                .bind("names", authorships.stream().map(Authorship::getDisplayName).toArray(String[]::new))
                .bind("orcids", authorships.stream().map(Authorship::getOrcid).toArray(String[]::new))
                .bind("affiliationIds", authorships.stream().map(a -> firstInstitution(a, true)).toArray(String[]::new))
                .bind("affiliationNames", authorships.stream().map(a -> firstInstitution(a, false)).toArray(String[]::new))
                .bind("years", authorships.stream().map(a -> year).toArray(Integer[]::new))
                .fetch().rowsUpdated().then();
    }

    private Mono<Void> replaceAuthorships(WorkImported work) {
        Mono<Void> delete = database.sql("DELETE FROM authorship WHERE work_id = :id")
                .bind("id", work.getWorkId()).fetch().rowsUpdated().then();
        if (work.getAuthorships().isEmpty()) {
            return delete;
        }
        WorkListPosition position = WorkListPosition.of(work);
        return delete.then(database.sql("INSERT INTO authorship (author_id, work_id, position, sort_year, sort_title) "
                        + "SELECT a, :work, p, :year, :title FROM unnest(CAST(:authors AS text[]), "
                        + "CAST(:positions AS int[])) AS u(a, p)")
                .bind("work", work.getWorkId())
                .bind("year", position.sortYear())
                .bind("title", position.sortTitle())
                .bind("authors", work.getAuthorships().stream().map(Authorship::getAuthorId).toArray(String[]::new))
                .bind("positions", work.getAuthorships().stream().map(Authorship::getPosition).toArray(Integer[]::new))
                .fetch().rowsUpdated().then());
    }

    private Mono<Void> saveExternalIds(WorkImported work) {
        List<String[]> ids = new ArrayList<>();
        for (Authorship authorship : work.getAuthorships()) {
            Map<String, String> external = new TreeMap<>(authorship.getExternalIds());
            if (authorship.getOrcid() != null) {
                external.put("orcid", authorship.getOrcid());
            }
            external.forEach((scheme, value) -> ids.add(new String[] {scheme, value, authorship.getAuthorId()}));
        }
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("INSERT INTO author_external_id (scheme, value, author_id) "
                        + "SELECT * FROM unnest(CAST(:schemes AS text[]), CAST(:values AS text[]), CAST(:authors AS text[])) "
                        + "ON CONFLICT DO NOTHING")
                .bind("schemes", ids.stream().map(id -> id[0]).toArray(String[]::new))
                .bind("values", ids.stream().map(id -> id[1]).toArray(String[]::new))
                .bind("authors", ids.stream().map(id -> id[2]).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /** Stores {@code summary} if its revision is higher than the stored one. */
    public Mono<Boolean> saveGraphSummary(AuthorGraphUpdated summary) {
        return database.sql("INSERT INTO author_graph_summary (author_id, revision, coauthor_count, "
                        + "close_collaborator_count, topic_count, institution_count) VALUES (:id, :revision, :coauthors, "
                        + ":close, :topics, :institutions) ON CONFLICT (author_id) DO UPDATE SET "
                        + "revision = EXCLUDED.revision, coauthor_count = EXCLUDED.coauthor_count, "
                        + "close_collaborator_count = EXCLUDED.close_collaborator_count, "
                        + "topic_count = EXCLUDED.topic_count, institution_count = EXCLUDED.institution_count "
                        + "WHERE author_graph_summary.revision < EXCLUDED.revision")
                .bind("id", summary.getAuthorId())
                .bind("revision", summary.getRevision())
                .bind("coauthors", summary.getCoauthorCount())
                .bind("close", summary.getCloseCollaboratorCount())
                .bind("topics", summary.getTopicCount())
                .bind("institutions", summary.getInstitutionCount())
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Stores {@code trust} if its revision is higher than the stored one. */
    public Mono<Boolean> saveTrust(TrustUpdated trust) {
        return database.sql("INSERT INTO author_trust (author_id, revision, score, band, verification_level, claimed) "
                        + "VALUES (:id, :revision, :score, :band, :level, :claimed) ON CONFLICT (author_id) DO UPDATE SET "
                        + "revision = EXCLUDED.revision, score = EXCLUDED.score, band = EXCLUDED.band, "
                        + "verification_level = EXCLUDED.verification_level, claimed = EXCLUDED.claimed "
                        + "WHERE author_trust.revision < EXCLUDED.revision")
                .bind("id", trust.getAuthorId())
                .bind("revision", trust.getRevision())
                .bind("score", trust.getScore())
                .bind("band", trust.getBand())
                .bind("level", trust.getVerificationLevel())
                .bind("claimed", trust.getClaimed())
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** The profile of {@code authorId}, if known. */
    public Mono<AuthorRecord> findAuthor(String authorId) {
        return database.sql("SELECT a.author_id, a.display_name, a.orcid, a.affiliation_id, a.affiliation_name, "
                        + "(SELECT count(*) FROM authorship s WHERE s.author_id = a.author_id) AS work_count, "
                        + "(SELECT count(*) FROM author_follow f WHERE f.author_id = a.author_id) AS follower_count, "
                        + "EXISTS (SELECT 1 FROM author_claim c WHERE c.author_id = a.author_id) AS claimed, "
                        + "g.coauthor_count, g.close_collaborator_count, g.topic_count, g.institution_count, "
                        + "t.score, t.band, t.verification_level "
                        + "FROM author a LEFT JOIN author_graph_summary g ON g.author_id = a.author_id "
                        + "LEFT JOIN author_trust t ON t.author_id = a.author_id WHERE a.author_id = :id")
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
                        row.get("claimed", Boolean.class)))
                .one()
                .flatMap(author -> externalIds(authorId).map(author::withExternalIds));
    }

    private Mono<Map<String, String>> externalIds(String authorId) {
        return database.sql("SELECT scheme, value FROM author_external_id WHERE author_id = :id ORDER BY scheme, value")
                .bind("id", authorId)
                .map((row, meta) -> Map.entry(row.get("scheme", String.class), row.get("value", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
    }

    /**
     * Works of {@code authorId}, newest first (unknown year last), then by title, strictly after {@code after} when
     * given (keyset pagination).
     */
    public Mono<List<WorkRecord>> findWorks(String authorId, WorkListPosition after, int limit) {
        String afterCondition = after == null ? ""
                : "AND (s.sort_year < :afterYear OR (s.sort_year = :afterYear AND (s.sort_title > :afterTitle "
                        + "OR (s.sort_title = :afterTitle AND s.work_id > :afterWork)))) ";
        DatabaseClient.GenericExecuteSpec query = database.sql("SELECT w.work_id, w.type, w.title, "
                        + "w.publication_year, w.publication_date, w.venue_name, w.doi, w.arxiv_id, w.openalex_id, "
                        + "w.retracted, w.authors, s.sort_year, s.sort_title FROM authorship s "
                        + "JOIN work w ON w.work_id = s.work_id WHERE s.author_id = :author " + afterCondition
                        + "ORDER BY s.sort_year DESC, s.sort_title, s.work_id LIMIT :limit")
                .bind("author", authorId)
                .bind("limit", limit);
        if (after != null) {
            query = query.bind("afterYear", after.sortYear()).bind("afterTitle", after.sortTitle())
                    .bind("afterWork", after.workId());
        }
        return query.map((row, meta) -> new WorkRecord(
                        row.get("work_id", String.class),
                        row.get("type", String.class),
                        row.get("title", String.class),
                        row.get("publication_year", Integer.class),
                        row.get("publication_date", String.class),
                        row.get("venue_name", String.class),
                        row.get("doi", String.class),
                        row.get("arxiv_id", String.class),
                        row.get("openalex_id", String.class),
                        Boolean.TRUE.equals(row.get("retracted", Boolean.class)),
                        row.get("authors", Json.class).asString(),
                        new WorkListPosition(row.get("sort_year", Integer.class), row.get("sort_title", String.class),
                                row.get("work_id", String.class))))
                .all()
                .collectList();
    }

    /** The author known by external id {@code scheme}/{@code value}, if any. */
    public Mono<String> findAuthorIdByExternalId(String scheme, String value) {
        return database.sql("SELECT author_id FROM author_external_id WHERE scheme = :scheme AND value = :value")
                .bind("scheme", scheme)
                .bind("value", value)
                .map((row, meta) -> row.get("author_id", String.class))
                .one();
    }

    private static String firstInstitution(Authorship authorship, boolean id) {
        if (authorship.getInstitutions().isEmpty()) {
            return null;
        }
        Institution institution = authorship.getInstitutions().get(0);
        return id ? institution.getId() : institution.getName();
    }

    private static org.springframework.r2dbc.core.Parameter nullable(String value) {
        return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, String.class);
    }

    private static <T> org.springframework.r2dbc.core.Parameter nullable(T value, Class<T> type) {
        return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, type);
    }
}
