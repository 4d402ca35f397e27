package org.bzpeer.profile.engagement.application;

import java.time.Instant;
import java.util.UUID;

import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.author.store.ProfileStore;
import org.bzpeer.profile.engagement.store.EngagementStore;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * What signed-in users do to author records: claim one (at most one user per author) and follow or unfollow. Each
 * change and its event ({@code author.claimed}, {@code follow.created}, {@code follow.deleted}) commit together;
 * repeating a request that changes nothing publishes nothing.
 */
@Service
public class Engagement {

    /** Outcome of a request: whether it changed anything. */
    public enum Change {
        CHANGED, ALREADY_SO
    }

    private final EngagementStore store;
    private final ProfileStore profiles;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;

    public Engagement(EngagementStore store, ProfileStore profiles, OutboxWriter outbox, OutboxRelay relay,
            TransactionalOperator transactions) {
        this.store = store;
        this.profiles = profiles;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * Links author {@code authorId} to user {@code userId}. {@code verifiedOrcid} is the ORCID iD the identity
     * provider proved for the user, if any. Claiming an author another user claimed is a conflict.
     */
    public Mono<Change> claim(String authorId, String userId, String verifiedOrcid) {
        return requireAuthor(authorId).then(transactions.transactional(store.claim(authorId, userId, verifiedOrcid)
                .flatMap(claimed -> claimed
                        ? outbox.append(Topics.AUTHOR_CLAIMED, authorId, AuthorClaimed.newBuilder()
                                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                                .setAuthorId(authorId).setUserId(userId).setVerifiedOrcid(verifiedOrcid).build())
                        .thenReturn(Change.CHANGED)
                        : store.findClaim(authorId).map(existing -> {
                            if (!existing.userId().equals(userId)) {
                                throw new ProblemException(HttpStatus.CONFLICT, "already-claimed",
                                        "Author already claimed",
                                        "Author '" + authorId + "' is claimed by another user");
                            }
                            return Change.ALREADY_SO;
                        }))))
                .doOnSuccess(change -> relay.wakeUp());
    }

    public Mono<Change> follow(String authorId, String followerId) {
        return requireAuthor(authorId).then(transactions.transactional(store.follow(authorId, followerId)
                .flatMap(created -> !created ? Mono.just(Change.ALREADY_SO)
                        : outbox.append(Topics.FOLLOW_CREATED, authorId, FollowCreated.newBuilder()
                                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                                .setAuthorId(authorId).setFollowerId(followerId).build())
                        .thenReturn(Change.CHANGED))))
                .doOnSuccess(change -> relay.wakeUp());
    }

    public Mono<Change> unfollow(String authorId, String followerId) {
        return requireAuthor(authorId).then(transactions.transactional(store.unfollow(authorId, followerId)
                .flatMap(deleted -> !deleted ? Mono.just(Change.ALREADY_SO)
                        : outbox.append(Topics.FOLLOW_DELETED, authorId, FollowDeleted.newBuilder()
                                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                                .setAuthorId(authorId).setFollowerId(followerId).build())
                        .thenReturn(Change.CHANGED))))
                .doOnSuccess(change -> relay.wakeUp());
    }

    private Mono<Void> requireAuthor(String authorId) {
        return profiles.findAuthor(authorId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                .then();
    }
}
