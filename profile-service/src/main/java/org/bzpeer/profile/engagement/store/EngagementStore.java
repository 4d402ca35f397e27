package org.bzpeer.profile.engagement.store;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Claims and follows of authors by users. Every write reports whether it changed anything. */
@Repository
public class EngagementStore {

    private final DatabaseClient database;

    public EngagementStore(DatabaseClient database) {
        this.database = database;
    }

    /** A stored claim. */
    public record Claim(String authorId, String userId, String verifiedOrcid) {
    }

    /** Records the claim unless the author is claimed already; emits true if this call claimed it. */
    public Mono<Boolean> claim(String authorId, String userId, String verifiedOrcid) {
        return database.sql("INSERT INTO author_claim (author_id, user_id, verified_orcid) "
                        + "VALUES (:author, :user, :orcid) ON CONFLICT (author_id) DO NOTHING")
                .bind("author", authorId)
                .bind("user", userId)
                .bind("orcid", Parameter.fromOrEmpty(verifiedOrcid, String.class))
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    public Mono<Claim> findClaim(String authorId) {
        return database.sql("SELECT author_id, user_id, verified_orcid FROM author_claim WHERE author_id = :author")
                .bind("author", authorId)
                .map((row, meta) -> new Claim(row.get("author_id", String.class), row.get("user_id", String.class),
                        row.get("verified_orcid", String.class)))
                .one();
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
}
