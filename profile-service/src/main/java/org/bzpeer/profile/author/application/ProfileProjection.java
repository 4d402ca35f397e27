package org.bzpeer.profile.author.application;

import org.bzpeer.profile.author.store.ProfileStore;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * Applies events to the profile read model, each in one transaction. Idempotent: an event already applied, or
 * older than what is stored, changes nothing; emits whether the event changed the model.
 */
@Service
public class ProfileProjection {

    private final ProfileStore store;
    private final TransactionalOperator transactions;

    public ProfileProjection(ProfileStore store, TransactionalOperator transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    public Mono<Boolean> apply(WorkImported work) {
        return transactions.transactional(store.saveWork(work));
    }

    public Mono<Boolean> apply(AuthorGraphUpdated summary) {
        return store.saveGraphSummary(summary);
    }

    public Mono<Boolean> apply(TrustUpdated trust) {
        return store.saveTrust(trust);
    }
}
