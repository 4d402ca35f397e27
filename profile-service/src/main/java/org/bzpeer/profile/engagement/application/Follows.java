package org.bzpeer.profile.engagement.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.engagement.store.EngagementStore;
import org.bzpeer.profile.engagement.store.EngagementStore.FollowedAuthor;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * Users following authors. A (author, follower) pair is one row, so following twice is one follow and concurrent
 * requests cannot double-count; each change and its event ({@code follow.created}, {@code follow.deleted}) commit
 * together, and a request that changes nothing publishes nothing. An owner may follow their own author, but
 * follower counts leave that follow out.
 */
@Service
public class Follows {

    private final EngagementStore store;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;

    public Follows(EngagementStore store, OutboxWriter outbox, OutboxRelay relay,
            TransactionalOperator transactions) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
    }

    /** A page of what a user follows; {@code more} when a further page exists. */
    public record FollowingPage(List<FollowedAuthor> items, boolean more) {
    }

    /** {@code followerId} follows {@code authorId}; emits whether that is new. Unknown author: 404 problem. */
    public Mono<Boolean> follow(String authorId, String followerId) {
        return transactions.transactional(store.keepAuthor(authorId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                        .then(store.follow(authorId, followerId))
                        .flatMap(created -> !created ? Mono.just(false)
                                : outbox.append(Topics.FOLLOW_CREATED, authorId, FollowCreated.newBuilder()
                                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                                        .setAuthorId(authorId).setFollowerId(followerId).build())
                                        .thenReturn(true)))
                .doOnSuccess(created -> relay.wakeUp());
    }

    /** {@code followerId} stops following {@code authorId}; emits whether they did follow. Unknown author: 404. */
    public Mono<Boolean> unfollow(String authorId, String followerId) {
        return transactions.transactional(store.keepAuthor(authorId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                        .then(store.unfollow(authorId, followerId))
                        .flatMap(deleted -> !deleted ? Mono.just(false)
                                : outbox.append(Topics.FOLLOW_DELETED, authorId, FollowDeleted.newBuilder()
                                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                                        .setAuthorId(authorId).setFollowerId(followerId).build())
                                        .thenReturn(true)))
                .doOnSuccess(deleted -> relay.wakeUp());
    }

    /**
     * Applies the merge of author {@code retiredId} into {@code survivorId}: its followers follow the survivor, each
     * new follow of the survivor a {@code follow.created} (a user who followed both stays one follower, and their
     * follow of the retired author ends with it). Run in the transaction that applies the merge.
     */
    public Mono<Void> applyMerge(String retiredId, String survivorId) {
        return store.moveFollowers(retiredId, survivorId).flatMap(followers -> outbox.appendAll(followers.stream()
                .map(followerId -> new OutboundEvent<>(Topics.FOLLOW_CREATED, survivorId, FollowCreated.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                        .setAuthorId(survivorId).setFollowerId(followerId).build()))
                .toList()));
    }

    /**
     * Up to {@code limit} authors {@code followerId} follows, most recently followed first, after the author followed
     * at {@code afterAt} with id {@code afterAuthor} when given.
     */
    public Mono<FollowingPage> following(String followerId, Instant afterAt, String afterAuthor, int limit) {
        return store.following(followerId, afterAt, afterAuthor, limit + 1).map(rows -> rows.size() > limit
                ? new FollowingPage(rows.subList(0, limit), true) : new FollowingPage(rows, false));
    }
}
