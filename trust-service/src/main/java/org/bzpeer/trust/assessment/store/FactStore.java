package org.bzpeer.trust.assessment.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bzpeer.kit.batch.LatestPerKey;
import org.bzpeer.kit.store.ColumnArrays;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.trust.assessment.model.AuthorFacts;
import org.bzpeer.trust.assessment.model.TrustModel;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The facts trust is computed from, as the events deliver them, written a whole batch per statement. Every write is
 * idempotent: a work replaces its stored contribution only with a higher version, a graph summary only with a higher
 * revision, a claim only with a higher claim revision, a follow or unfollow only
 * when it happened after the stored change.
 */
@Repository
public class FactStore {

    /** Separates the id schemes of an authorship in their stored text. */
    static final String SCHEME_SEPARATOR = " ";

    private static final String ACCEPT_NEWER_VERSIONS = """
            INSERT INTO work (work_id, version)
            SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:versions AS bigint[])) ORDER BY 1
            ON CONFLICT (work_id) DO UPDATE SET version = EXCLUDED.version WHERE work.version < EXCLUDED.version
            RETURNING work_id
            """;

    private static final String CLEAR_REPLACED_AUTHORSHIPS = """
            DELETE FROM authorship WHERE work_id = ANY(CAST(:ids AS text[])) RETURNING author_id
            """;

    private static final String INSERT_AUTHORSHIPS = """
            INSERT INTO authorship (author_id, work_id, publication_year, has_identifier, retracted, orcid, id_schemes)
            SELECT * FROM unnest(CAST(:authors AS text[]), CAST(:works AS text[]), CAST(:years AS int[]),
                                 CAST(:identified AS boolean[]), CAST(:retracted AS boolean[]),
                                 CAST(:orcids AS text[]), CAST(:schemes AS text[]))
            """;

    private static final String SAVE_GRAPH_SUMMARIES = """
            INSERT INTO author_graph_summary AS s (author_id, revision, work_count, coauthor_count,
                close_collaborator_count, topic_count, institution_count)
            SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:revisions AS bigint[]), CAST(:works AS int[]),
                                 CAST(:coauthors AS int[]), CAST(:close AS int[]), CAST(:topics AS int[]),
                                 CAST(:institutions AS int[]))
            ORDER BY 1
            ON CONFLICT (author_id) DO UPDATE SET revision = EXCLUDED.revision, work_count = EXCLUDED.work_count,
                coauthor_count = EXCLUDED.coauthor_count, close_collaborator_count = EXCLUDED.close_collaborator_count,
                topic_count = EXCLUDED.topic_count, institution_count = EXCLUDED.institution_count
            WHERE s.revision < EXCLUDED.revision
            RETURNING s.author_id
            """;

    /**
     * A claim change replaces the stored claim only with a higher revision. Of changes without revision (made before
     * revisions existed), the first claim wins and only its own claimant may add the ORCID iD they proved later.
     */
    private static final String SAVE_CLAIM = """
            INSERT INTO author_claim AS c (author_id, user_id, verified_orcid, claimed_at, revision)
            VALUES (:id, :user, :orcid, :at, :revision)
            ON CONFLICT (author_id) DO UPDATE SET user_id = EXCLUDED.user_id, verified_orcid = EXCLUDED.verified_orcid,
                claimed_at = CASE WHEN c.user_id = EXCLUDED.user_id THEN c.claimed_at ELSE EXCLUDED.claimed_at END,
                revision = EXCLUDED.revision
            WHERE c.revision < EXCLUDED.revision
               OR (EXCLUDED.revision = 0 AND c.revision = 0 AND c.user_id = EXCLUDED.user_id
                   AND c.verified_orcid IS NULL AND EXCLUDED.verified_orcid IS NOT NULL)
            """;

    private static final String SAVE_FOLLOWS = """
            INSERT INTO follow AS f (author_id, follower_id, following, changed_at)
            SELECT * FROM unnest(CAST(:authors AS text[]), CAST(:followers AS text[]), CAST(:following AS boolean[]),
                                 CAST(:at AS timestamptz[]))
            ORDER BY 1, 2
            ON CONFLICT (author_id, follower_id) DO UPDATE SET following = EXCLUDED.following,
                changed_at = EXCLUDED.changed_at
            WHERE f.changed_at < EXCLUDED.changed_at
               OR (f.changed_at = EXCLUDED.changed_at AND f.following AND NOT EXCLUDED.following)
            """;

    /** Followers of an author, its claimant's own follow left out. */
    private static final String COUNT_FOLLOWERS = """
            SELECT count(*) AS followers FROM follow f
            WHERE f.author_id = :author AND f.following
              AND NOT EXISTS (SELECT 1 FROM author_claim c WHERE c.author_id = f.author_id AND c.user_id = f.follower_id)
            """;

    /**
     * The facts of a retired author: its authorships become the survivor's (where the survivor is not listed on the
     * same work already), and its graph summary, claim and follows go.
     */
    private static final String RETIRE = """
            WITH moved AS (
                UPDATE authorship s SET author_id = :survivor
                WHERE s.author_id = :retired AND NOT EXISTS (
                    SELECT 1 FROM authorship o WHERE o.work_id = s.work_id AND o.author_id = :survivor)
                RETURNING s.work_id
            ), doubled AS (
                DELETE FROM authorship s WHERE s.author_id = :retired
                  AND EXISTS (SELECT 1 FROM authorship o WHERE o.work_id = s.work_id AND o.author_id = :survivor)
            ), summary AS (
                DELETE FROM author_graph_summary WHERE author_id = :retired
            ), claim AS (
                DELETE FROM author_claim WHERE author_id = :retired
            ), follows AS (
                DELETE FROM follow WHERE author_id = :retired
            )
            SELECT count(*) FROM moved
            """;

    private final DatabaseClient database;

    public FactStore(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Stores each of {@code works} (at most one version per work) if it is newer than the stored version, replacing
     * the work's authorships; emits the authors whose facts may have changed (those of the replaced and of the new
     * versions). Works not newer than the stored version change nothing and touch nobody.
     */
    public Mono<Set<String>> saveWorks(List<WorkImported> works) {
        if (works.isEmpty()) {
            return Mono.just(Set.of());
        }
        return database.sql(ACCEPT_NEWER_VERSIONS)
                .bind("ids", works.stream().map(WorkImported::getWorkId).toArray(String[]::new))
                .bind("versions", works.stream().map(WorkImported::getVersion).toArray(Long[]::new))
                .map((row, meta) -> row.get("work_id", String.class))
                .all()
                .collect(HashSet<String>::new, Set::add)
                .flatMap(acceptedIds -> {
                    if (acceptedIds.isEmpty()) {
                        return Mono.just(Set.<String>of());
                    }
                    List<WorkImported> accepted = works.stream()
                            .filter(work -> acceptedIds.contains(work.getWorkId())).toList();
                    return database.sql(CLEAR_REPLACED_AUTHORSHIPS)
                            .bind("ids", acceptedIds.toArray(String[]::new))
                            .map((row, meta) -> row.get("author_id", String.class))
                            .all()
                            .collect(TreeSet<String>::new, Set::add)
                            .flatMap(touched -> insertAuthorships(accepted, touched).thenReturn(touched));
                });
    }

    /** Inserts the authorships of {@code works}, adding their authors to {@code touched}. */
    private Mono<Void> insertAuthorships(List<WorkImported> works, Set<String> touched) {
        ColumnArrays rows = new ColumnArrays(7);
        for (WorkImported work : works) {
            boolean identified = hasPersistentIdentifier(work.getIdentifiers());
            byAuthor(work).forEach((authorId, facts) -> {
                touched.add(authorId);
                rows.add(authorId, work.getWorkId(), work.getPublicationYear(), identified, work.getRetracted(),
                        facts.orcid(), String.join(SCHEME_SEPARATOR, facts.schemes()));
            });
        }
        if (rows.size() == 0) {
            return Mono.empty();
        }
        return database.sql(INSERT_AUTHORSHIPS)
                .bind("authors", rows.texts(0))
                .bind("works", rows.texts(1))
                .bind("years", rows.integers(2))
                .bind("identified", rows.booleans(3))
                .bind("retracted", rows.booleans(4))
                .bind("orcids", rows.texts(5))
                .bind("schemes", rows.texts(6))
                .fetch().rowsUpdated().then();
    }

    /**
     * Stores each of {@code summaries} whose revision is higher than the stored one (of several for one author, the
     * highest); emits the authors whose summary was stored.
     */
    public Mono<Set<String>> saveGraphSummaries(List<AuthorGraphUpdated> summaries) {
        List<AuthorGraphUpdated> rows = LatestPerKey.of(summaries, AuthorGraphUpdated::getAuthorId,
                AuthorGraphUpdated::getRevision);
        if (rows.isEmpty()) {
            return Mono.just(Set.of());
        }
        return database.sql(SAVE_GRAPH_SUMMARIES)
                .bind("ids", rows.stream().map(AuthorGraphUpdated::getAuthorId).toArray(String[]::new))
                .bind("revisions", rows.stream().map(AuthorGraphUpdated::getRevision).toArray(Long[]::new))
                .bind("works", rows.stream().map(AuthorGraphUpdated::getWorkCount).toArray(Integer[]::new))
                .bind("coauthors", rows.stream().map(AuthorGraphUpdated::getCoauthorCount).toArray(Integer[]::new))
                .bind("close", rows.stream().map(AuthorGraphUpdated::getCloseCollaboratorCount)
                        .toArray(Integer[]::new))
                .bind("topics", rows.stream().map(AuthorGraphUpdated::getTopicCount).toArray(Integer[]::new))
                .bind("institutions", rows.stream().map(AuthorGraphUpdated::getInstitutionCount)
                        .toArray(Integer[]::new))
                .map((row, meta) -> row.get("author_id", String.class))
                .all()
                .collect(TreeSet<String>::new, Set::add);
    }

    /**
     * Applies each of {@code changes} in order, if it is newer than the stored claim (a higher revision; without
     * revisions, the first claim wins and its claimant may add a proven ORCID iD); emits the authors whose claim
     * changed, so a redelivered or older change is a no-op.
     */
    public Mono<Set<String>> saveClaims(List<ClaimChange> changes) {
        return Flux.fromIterable(changes)
                .concatMap(change -> database.sql(SAVE_CLAIM)
                        .bind("id", change.authorId())
                        .bind("user", Parameter.fromOrEmpty(change.userId(), String.class))
                        .bind("orcid", Parameter.fromOrEmpty(AuthorFacts.normalizeOrcid(change.verifiedOrcid()),
                                String.class))
                        .bind("at", change.at())
                        .bind("revision", change.revision())
                        .fetch().rowsUpdated()
                        .filter(rows -> rows > 0)
                        .map(rows -> change.authorId()))
                .collect(TreeSet<String>::new, Set::add);
    }

    /**
     * The claim of {@code authorId} as of claim revision {@code revision}: held by {@code userId} with the ORCID iD
     * they proved, or released or revoked ({@code userId} null) at {@code at}.
     */
    public record ClaimChange(String authorId, long revision, String userId, String verifiedOrcid, Instant at) {
    }

    /**
     * Records each follow or unfollow, unless a later change of the same pair is stored; of changes at the same
     * instant the unfollow wins, so the outcome depends neither on the order of arrival nor on redeliveries.
     */
    public Mono<Void> saveFollows(List<FollowChange> changes) {
        Map<List<String>, FollowChange> latest = new TreeMap<>(Comparator
                .<List<String>, String>comparing(pair -> pair.get(0)).thenComparing(pair -> pair.get(1)));
        changes.forEach(change -> latest.merge(List.of(change.authorId(), change.followerId()), change,
                FollowChange::later));
        if (latest.isEmpty()) {
            return Mono.empty();
        }
        List<FollowChange> rows = List.copyOf(latest.values());
        return database.sql(SAVE_FOLLOWS)
                .bind("authors", rows.stream().map(FollowChange::authorId).toArray(String[]::new))
                .bind("followers", rows.stream().map(FollowChange::followerId).toArray(String[]::new))
                .bind("following", rows.stream().map(FollowChange::following).toArray(Boolean[]::new))
                .bind("at", rows.stream().map(change -> change.at().atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new))
                .fetch().rowsUpdated().then();
    }

    /** A follow ({@code following}) or unfollow of {@code authorId} by {@code followerId} at {@code at}. */
    public record FollowChange(String authorId, String followerId, boolean following, Instant at) {

        /** Of two changes of one pair, the one that stands: the later, or at the same instant the unfollow. */
        static FollowChange later(FollowChange a, FollowChange b) {
            int order = a.at().compareTo(b.at());
            if (order != 0) {
                return order > 0 ? a : b;
            }
            return a.following() ? b : a;
        }
    }

    /** How many users follow {@code authorId}. */
    public Mono<Long> countFollowers(String authorId) {
        return database.sql(COUNT_FOLLOWERS)
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

    /**
     * Applies the merge of {@code retiredId} into {@code survivorId} to the facts (see {@link #RETIRE}); run in a
     * transaction.
     */
    public Mono<Void> retire(String retiredId, String survivorId) {
        return database.sql(RETIRE)
                .bind("retired", retiredId)
                .bind("survivor", survivorId)
                .fetch().rowsUpdated().then();
    }
}
