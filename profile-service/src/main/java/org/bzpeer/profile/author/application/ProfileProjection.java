package org.bzpeer.profile.author.application;

import java.util.List;
import java.util.TreeMap;

import org.bzpeer.kit.authors.RetiredAuthors;
import org.bzpeer.kit.batch.LatestPerKey;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.profile.author.store.ProfileStore;
import org.bzpeer.profile.engagement.application.Claims;
import org.bzpeer.profile.engagement.application.Follows;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies batches of events to the profile read model, each batch in one transaction. Idempotent: an event already
 * applied, or older than what is stored (a lower work version, summary or trust revision, an earlier merge), changes
 * nothing, so redelivery and reordering leave the same rows.
 *
 * <p>Merges ({@code author.merged}) may arrive before or after the works ingest publishes again naming the survivor.
 * A merge retires the author at once (redirect, out of search; see {@link RetiredAuthors}), moves its followers and,
 * by {@link org.bzpeer.profile.engagement.model.ClaimRules#onMerge}, its claim; its works move with the works published
 * again. Works naming a retired author that happened before the merge are read as naming the survivor; one that
 * happened after it brings the author back (resolution split it off again).
 */
@Service
public class ProfileProjection {

    private static final Logger log = LoggerFactory.getLogger(ProfileProjection.class);
    private static final int NAME_TOKEN_BATCH = 500;

    private final ProfileStore store;
    private final RetiredAuthors retired;
    private final Claims claims;
    private final Follows follows;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;

    public ProfileProjection(ProfileStore store, DatabaseClient database, Claims claims, Follows follows,
            OutboxRelay relay, TransactionalOperator transactions) {
        this.store = store;
        this.retired = new RetiredAuthors(database, "retired_author");
        this.claims = claims;
        this.follows = follows;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * Stores the newest version of each work, retired authors read as their survivors, and recomputes the authors it
     * touches; authors it brings back are found by search again.
     */
    public Mono<Void> applyWorks(List<WorkImported> works) {
        return transactions.transactional(retired.canonical(works).flatMap(canonical -> store.saveWorks(
                        LatestPerKey.of(canonical.works(), WorkImported::getWorkId, WorkImported::getVersion))
                .then(store.refoldNameTokens(canonical.revived()))));
    }

    /**
     * Retires the authors of {@code merges} (those not retired by a later merge already): their followers and, where
     * the rule allows, their claim move to the survivor (through chains of merges), with the follow and claim events
     * that says so; they leave search, and an author left without works, claim or followers is removed.
     */
    public Mono<Void> applyMerges(List<AuthorMerged> merges) {
        return transactions.transactional(retired.record(merges).flatMap(survivors -> Flux
                        .fromIterable(new TreeMap<>(survivors).entrySet())
                        .concatMap(merge -> claims.applyMerge(merge.getKey(), merge.getValue())
                                .then(follows.applyMerge(merge.getKey(), merge.getValue())))
                        .then(store.refoldNameTokens(survivors.keySet()))
                        .then(store.recompute(survivors.keySet()))))
                .doOnSuccess(done -> relay.wakeUp());
    }

    /** Stores the newest graph summary of each author, if newer than the stored one. */
    public Mono<Void> applyGraphSummaries(List<AuthorGraphUpdated> summaries) {
        return transactions.transactional(store.saveGraphSummaries(
                LatestPerKey.of(summaries, AuthorGraphUpdated::getAuthorId, AuthorGraphUpdated::getRevision)));
    }

    /** Stores the newest trust snapshot of each author, if newer than the stored one. */
    public Mono<Void> applyTrust(List<TrustUpdated> assessments) {
        return transactions.transactional(store.saveTrust(
                LatestPerKey.of(assessments, TrustUpdated::getAuthorId, TrustUpdated::getRevision)));
    }

    /**
     * Folds the search tokens of authors stored before search existed, {@value #NAME_TOKEN_BATCH} per transaction,
     * once the service is ready. New and changed authors get theirs with the works that change them.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void refreshStaleNameTokens() {
        Mono.defer(() -> transactions.transactional(store.refreshStaleNameTokens(NAME_TOKEN_BATCH)))
                .expand(refreshed -> refreshed < NAME_TOKEN_BATCH ? Mono.empty()
                        : transactions.transactional(store.refreshStaleNameTokens(NAME_TOKEN_BATCH)))
                .reduce(0L, (total, refreshed) -> total + refreshed)
                .subscribe(total -> {
                    if (total > 0) {
                        log.info("Folded the search tokens of {} authors stored before search existed", total);
                    }
                }, failure -> log.warn("Folding stale search tokens failed; they are folded again on the next "
                        + "start or when the author's works change", failure));
    }
}
