package org.bzpeer.profile.author.application;

import java.util.List;

import org.bzpeer.kit.batch.LatestPerKey;
import org.bzpeer.profile.author.store.ProfileStore;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * Applies batches of events to the profile read model, each batch in one transaction. Idempotent: an event already
 * applied, or older than what is stored (a lower work version, summary or trust revision), changes nothing, so
 * redelivery and reordering leave the same rows.
 */
@Service
public class ProfileProjection {

    private static final Logger log = LoggerFactory.getLogger(ProfileProjection.class);
    private static final int NAME_TOKEN_BATCH = 500;

    private final ProfileStore store;
    private final TransactionalOperator transactions;

    public ProfileProjection(ProfileStore store, TransactionalOperator transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    /** Stores the newest version of each work and recomputes the authors it touches. */
    public Mono<Void> applyWorks(List<WorkImported> works) {
        return transactions.transactional(store.saveWorks(
                LatestPerKey.of(works, WorkImported::getWorkId, WorkImported::getVersion)));
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
