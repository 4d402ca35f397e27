package org.bzpeer.profile.author.application;

import java.util.List;

import org.bzpeer.kit.batch.LatestPerKey;
import org.bzpeer.profile.author.store.ProfileStore;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
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
}
