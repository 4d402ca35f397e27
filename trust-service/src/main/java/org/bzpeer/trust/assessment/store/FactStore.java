package org.bzpeer.trust.assessment.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.trust.assessment.model.AuthorFacts;
import org.bzpeer.trust.assessment.model.TrustModel;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * The facts trust is computed from, as the events deliver them. Every write is idempotent: a work replaces its stored
 * contribution only with a higher version, a graph summary only with a higher revision, a claim only when none exists
 * (or to add the ORCID its own claimant proved), a follow or unfollow only when it happened after the stored change.
 */
@Repository
public class FactStore {

    /** Separates the id schemes of an authorship in their stored text. */
    static final String SCHEME_SEPARATOR = " ";

    private final DatabaseClient database;

    public FactStore(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Stores {@code work} if it is newer than the stored version, replacing its authorships, in one statement; emits
     * the authors whose facts may have changed (those of the previous and of the new version), or none when the work
     * was not newer.
     */
    public Mono<Set<String>> saveWork(WorkImported work) {
        Map<String, AuthorshipFacts> authorships = byAuthor(work);
        return database.sql("WITH stored AS (INSERT INTO work (work_id, version) VALUES (:work, :version) "
                        + "  ON CONFLICT (work_id) DO UPDATE SET version = EXCLUDED.version "
                        + "  WHERE work.version < EXCLUDED.version RETURNING work_id), "
                        + "removed AS (DELETE FROM authorship s WHERE s.work_id = :work "
                        + "  AND s.author_id <> ALL (CAST(:authors AS text[])) AND EXISTS (SELECT 1 FROM stored) "
                        + "  RETURNING s.author_id), "
                        + "written AS (INSERT INTO authorship (author_id, work_id, publication_year, has_identifier, "
                        + "  retracted, orcid, id_schemes) SELECT a, :work, :year, :identified, :retracted, o, s "
                        + "  FROM unnest(CAST(:authors AS text[]), "
                        + "  CAST(:orcids AS text[]), CAST(:schemes AS text[])) AS u(a, o, s) "
                        + "  WHERE EXISTS (SELECT 1 FROM stored) "
                        + "  ON CONFLICT (author_id, work_id) DO UPDATE SET publication_year = EXCLUDED.publication_year, "
                        + "  has_identifier = EXCLUDED.has_identifier, retracted = EXCLUDED.retracted, "
                        + "  orcid = EXCLUDED.orcid, id_schemes = EXCLUDED.id_schemes RETURNING author_id) "
                        + "SELECT author_id FROM removed UNION SELECT author_id FROM written")
                .bind("work", work.getWorkId())
                .bind("version", work.getVersion())
                .bind("year", Parameter.fromOrEmpty(work.getPublicationYear(), Integer.class))
                .bind("identified", hasPersistentIdentifier(work.getIdentifiers()))
                .bind("retracted", work.getRetracted())
                .bind("authors", authorships.keySet().toArray(String[]::new))
                .bind("orcids", authorships.values().stream().map(AuthorshipFacts::orcid).toArray(String[]::new))
                .bind("schemes", authorships.values().stream()
                        .map(facts -> String.join(SCHEME_SEPARATOR, facts.schemes())).toArray(String[]::new))
                .map((row, meta) -> row.get("author_id", String.class))
                .all()
                .collectList()
                .map(Set::copyOf);
    }

    /** Stores {@code summary} if its revision is higher than the stored one; emits whether it was stored. */
    public Mono<Boolean> saveGraphSummary(AuthorGraphUpdated summary) {
        return database.sql("INSERT INTO author_graph_summary (author_id, revision, work_count, coauthor_count, "
                        + "close_collaborator_count, topic_count, institution_count) VALUES (:id, :revision, :works, "
                        + ":coauthors, :close, :topics, :institutions) ON CONFLICT (author_id) DO UPDATE SET "
                        + "revision = EXCLUDED.revision, work_count = EXCLUDED.work_count, "
                        + "coauthor_count = EXCLUDED.coauthor_count, "
                        + "close_collaborator_count = EXCLUDED.close_collaborator_count, "
                        + "topic_count = EXCLUDED.topic_count, institution_count = EXCLUDED.institution_count "
                        + "WHERE author_graph_summary.revision < EXCLUDED.revision")
                .bind("id", summary.getAuthorId())
                .bind("revision", summary.getRevision())
                .bind("works", summary.getWorkCount())
                .bind("coauthors", summary.getCoauthorCount())
                .bind("close", summary.getCloseCollaboratorCount())
                .bind("topics", summary.getTopicCount())
                .bind("institutions", summary.getInstitutionCount())
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /**
     * Stores {@code claim} if the author is unclaimed (the first claim wins), or adds the ORCID iD the same claimant
     * proved later; emits whether anything changed, so a redelivery or a rival claim is a no-op.
     */
    public Mono<Boolean> saveClaim(AuthorClaimed claim) {
        return database.sql("INSERT INTO author_claim (author_id, user_id, verified_orcid, claimed_at) "
                        + "VALUES (:id, :user, :orcid, :at) ON CONFLICT (author_id) DO UPDATE SET "
                        + "verified_orcid = EXCLUDED.verified_orcid WHERE author_claim.user_id = EXCLUDED.user_id "
                        + "AND author_claim.verified_orcid IS NULL AND EXCLUDED.verified_orcid IS NOT NULL")
                .bind("id", claim.getAuthorId())
                .bind("user", claim.getUserId())
                .bind("orcid", Parameter.fromOrEmpty(AuthorFacts.normalizeOrcid(claim.getVerifiedOrcid()), String.class))
                .bind("at", claim.getOccurredAt())
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /**
     * Records that {@code followerId} follows {@code authorId} ({@code following}) or stopped, as of {@code at}, unless
     * a later change of the pair is stored; at the same instant an unfollow wins, so the outcome does not depend on
     * the order of arrival. Emits whether it changed anything.
     */
    public Mono<Boolean> saveFollow(String authorId, String followerId, boolean following, Instant at) {
        return database.sql("INSERT INTO follow (author_id, follower_id, following, changed_at) "
                        + "VALUES (:author, :follower, :following, :at) ON CONFLICT (author_id, follower_id) "
                        + "DO UPDATE SET following = EXCLUDED.following, changed_at = EXCLUDED.changed_at "
                        + "WHERE follow.changed_at < EXCLUDED.changed_at OR (follow.changed_at = EXCLUDED.changed_at "
                        + "AND follow.following AND NOT EXCLUDED.following)")
                .bind("author", authorId)
                .bind("follower", followerId)
                .bind("following", following)
                .bind("at", at)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** How many users follow {@code authorId}. */
    public Mono<Long> countFollowers(String authorId) {
        return database.sql("SELECT count(*) AS followers FROM follow WHERE author_id = :author AND following")
                .bind("author", authorId)
                .map((row, meta) -> row.get("followers", Long.class))
                .one();
    }

    /**
     * One entry per author of {@code work}: an author resolved from two bylines entries counts once, with the first
     * ORCID iD and every id scheme they carried.
     */
    private static Map<String, AuthorshipFacts> byAuthor(WorkImported work) {
        Map<String, AuthorshipFacts> byAuthor = new LinkedHashMap<>();
        for (Authorship authorship : work.getAuthorships()) {
            String orcid = AuthorFacts.normalizeOrcid(authorship.getOrcid());
            Set<String> schemes = new TreeSet<>();
            authorship.getExternalIds().keySet().forEach(scheme -> schemes.add(schemeName(scheme)));
            if (orcid != null) {
                schemes.add(TrustModel.ORCID_SCHEME);
            }
            byAuthor.merge(authorship.getAuthorId(), new AuthorshipFacts(orcid, schemes), AuthorshipFacts::merge);
        }
        return byAuthor;
    }

    /** {@code scheme} with any whitespace replaced, so that stored scheme lists split back into the same names. */
    private static String schemeName(String scheme) {
        return scheme.strip().replaceAll("\\s+", "_");
    }

    private static boolean hasPersistentIdentifier(WorkIdentifiers identifiers) {
        return present(identifiers.getDoi()) || present(identifiers.getArxivId()) || present(identifiers.getPmid());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private record AuthorshipFacts(String orcid, Set<String> schemes) {

        AuthorshipFacts merge(AuthorshipFacts other) {
            Set<String> all = new TreeSet<>(schemes);
            all.addAll(other.schemes);
            return new AuthorshipFacts(orcid != null ? orcid : other.orcid, all);
        }
    }
}
