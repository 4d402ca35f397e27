package org.bzpeer.profile.engagement.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * Claims and follows of authors by users. An author has at most one claim; every change of a claim takes the next
 * value of the {@code claim_revision} sequence, and is made while the author row is locked
 * ({@link #lockAuthorForClaim}), so an author's revisions grow in the order its changes commit.
 */
@Repository
public class EngagementStore {

    private static final String LOCK_AUTHOR_FOR_CLAIM = """
            SELECT a.orcid, c.user_id, c.verified_orcid
            FROM author a LEFT JOIN author_claim c ON c.author_id = a.author_id
            WHERE a.author_id = :author
            FOR NO KEY UPDATE OF a
            """;

    private static final String INSERT_CLAIM = """
            INSERT INTO author_claim (author_id, user_id, verified_orcid, revision)
            VALUES (:author, :user, :orcid, nextval('claim_revision'))
            RETURNING revision
            """;

    private static final String REPLACE_CLAIM = """
            UPDATE author_claim SET user_id = :user, verified_orcid = :orcid, revision = nextval('claim_revision'),
                claimed_at = CASE WHEN user_id = :user THEN claimed_at ELSE now() END
            WHERE author_id = :author
            RETURNING revision
            """;

    private static final String DELETE_CLAIM = """
            DELETE FROM author_claim WHERE author_id = :author RETURNING user_id, nextval('claim_revision') AS revision
            """;

    private static final String FIND_OWNER = """
            SELECT user_id FROM author_claim WHERE author_id = :author
            """;

    private static final String FOLLOWING = """
            SELECT f.author_id, a.display_name, f.followed_at
            FROM author_follow f JOIN author a ON a.author_id = f.author_id
            WHERE f.follower_id = :follower
              AND (CAST(:afterAt AS timestamptz) IS NULL OR (f.followed_at, f.author_id) < (:afterAt, :afterAuthor))
            ORDER BY f.followed_at DESC, f.author_id DESC
            LIMIT :limit
            """;

    /**
     * The followers of a retired author become the survivor's (the survivor's row is created from the retired one's
     * when it has none yet); a user following both stays one follower. Returns the followers new to the survivor.
     */
    private static final String MOVE_FOLLOWERS = """
            WITH survivor AS (
                INSERT INTO author (author_id, display_name)
                SELECT CAST(:to AS text), display_name FROM author
                WHERE author_id = :from AND EXISTS (SELECT 1 FROM author_follow WHERE author_id = :from)
                ON CONFLICT (author_id) DO NOTHING
            ), moved AS (
                DELETE FROM author_follow WHERE author_id = :from RETURNING follower_id, followed_at
            )
            INSERT INTO author_follow (author_id, follower_id, followed_at)
            SELECT CAST(:to AS text), follower_id, followed_at FROM moved ORDER BY follower_id
            ON CONFLICT (author_id, follower_id) DO NOTHING
            RETURNING follower_id
            """;

    private final DatabaseClient database;

    public EngagementStore(DatabaseClient database) {
        this.database = database;
    }

    /** An author record as a claim decision reads it: the ORCID iD it carries and its claim, if any. */
    public record ClaimState(String recordOrcid, String ownerId, String verifiedOrcid) {
    }

    /** A removed claim: who held it and the revision of its removal. */
    public record RemovedClaim(String userId, long revision) {
    }

    /** One author a user follows. */
    public record FollowedAuthor(String authorId, String name, Instant followedAt) {
    }

    /**
     * Locks author {@code authorId} against concurrent claim changes (until the transaction ends) and reads its claim
     * state; empty when the author does not exist. Run in a transaction.
     */
    public Mono<ClaimState> lockAuthorForClaim(String authorId) {
        return database.sql(LOCK_AUTHOR_FOR_CLAIM)
                .bind("author", authorId)
                .map((row, meta) -> new ClaimState(row.get("orcid", String.class), row.get("user_id", String.class),
                        row.get("verified_orcid", String.class)))
                .one();
    }

    /**
     * Emits true when author {@code authorId} exists, keeping it from being removed until the transaction ends (other
     * writers of the author are not held up); empty when it does not exist. Run in a transaction.
     */
    public Mono<Boolean> keepAuthor(String authorId) {
        return database.sql("SELECT true AS kept FROM author WHERE author_id = :author FOR KEY SHARE")
                .bind("author", authorId)
                .map((row, meta) -> Boolean.TRUE)
                .one();
    }

    /** Claims an unclaimed author for {@code userId}; emits the claim's revision. */
    public Mono<Long> insertClaim(String authorId, String userId, String verifiedOrcid) {
        return database.sql(INSERT_CLAIM)
                .bind("author", authorId)
                .bind("user", userId)
                .bind("orcid", Parameter.fromOrEmpty(verifiedOrcid, String.class))
                .map((row, meta) -> row.get("revision", Long.class))
                .one();
    }

    /** Gives the author's claim to {@code userId} with {@code verifiedOrcid}; emits the new revision. */
    public Mono<Long> replaceClaim(String authorId, String userId, String verifiedOrcid) {
        return database.sql(REPLACE_CLAIM)
                .bind("author", authorId)
                .bind("user", userId)
                .bind("orcid", Parameter.fromOrEmpty(verifiedOrcid, String.class))
                .map((row, meta) -> row.get("revision", Long.class))
                .one();
    }

    /** Removes the author's claim; emits who held it and the revision of the removal, empty when unclaimed. */
    public Mono<RemovedClaim> deleteClaim(String authorId) {
        return database.sql(DELETE_CLAIM)
                .bind("author", authorId)
                .map((row, meta) -> new RemovedClaim(row.get("user_id", String.class),
                        row.get("revision", Long.class)))
                .one();
    }

    /** The user who claimed {@code authorId}; empty when unclaimed. */
    public Mono<String> findOwner(String authorId) {
        return database.sql(FIND_OWNER)
                .bind("author", authorId)
                .map((row, meta) -> row.get("user_id", String.class))
                .one();
    }

    /**
     * Moves the followers of {@code fromAuthorId} to {@code toAuthorId}; emits those who did not follow it yet. Run in
     * a transaction.
     */
    public Mono<List<String>> moveFollowers(String fromAuthorId, String toAuthorId) {
        return database.sql(MOVE_FOLLOWERS)
                .bind("from", fromAuthorId)
                .bind("to", toAuthorId)
                .map((row, meta) -> row.get("follower_id", String.class))
                .all()
                .collectList();
    }

    /** Adds the follow; emits true if it did not exist. */
    public Mono<Boolean> follow(String authorId, String followerId) {
        return database.sql("INSERT INTO author_follow (author_id, follower_id) VALUES (:author, :follower) "
                        + "ON CONFLICT DO NOTHING")
                .bind("author", authorId)
                .bind("follower", followerId)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Removes the follow; emits true if it existed. */
    public Mono<Boolean> unfollow(String authorId, String followerId) {
        return database.sql("DELETE FROM author_follow WHERE author_id = :author AND follower_id = :follower")
                .bind("author", authorId)
                .bind("follower", followerId)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /**
     * Up to {@code limit} authors {@code followerId} follows, most recently followed first, strictly after
     * ({@code afterAt}, {@code afterAuthor}) when given (keyset pagination).
     */
    public Mono<List<FollowedAuthor>> following(String followerId, Instant afterAt, String afterAuthor, int limit) {
        return database.sql(FOLLOWING)
                .bind("follower", followerId)
                .bind("afterAt", Parameter.fromOrEmpty(afterAt == null ? null : afterAt.atOffset(ZoneOffset.UTC),
                        OffsetDateTime.class))
                .bind("afterAuthor", Parameter.fromOrEmpty(afterAuthor, String.class))
                .bind("limit", limit)
                .map((row, meta) -> new FollowedAuthor(row.get("author_id", String.class),
                        row.get("display_name", String.class),
                        row.get("followed_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList();
    }
}
