package org.bzpeer.profile.author.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, WorkImported> latest = new LinkedHashMap<>();
        works.forEach(work -> latest.merge(work.getWorkId(), work,
                (a, b) -> b.getVersion() > a.getVersion() ? b : a));
        return transactions.transactional(store.saveWorks(List.copyOf(latest.values())));
    }

    /** Stores the newest graph summary of each author, if newer than the stored one. */
    public Mono<Void> applyGraphSummaries(List<AuthorGraphUpdated> summaries) {
        Map<String, AuthorGraphUpdated> latest = new LinkedHashMap<>();
        summaries.forEach(summary -> latest.merge(summary.getAuthorId(), summary,
                (a, b) -> b.getRevision() > a.getRevision() ? b : a));
        return transactions.transactional(store.saveGraphSummaries(List.copyOf(latest.values())));
    }

    /** Stores the newest trust snapshot of each author, if newer than the stored one. */
    public Mono<Void> applyTrust(List<TrustUpdated> assessments) {
        Map<String, TrustUpdated> latest = new LinkedHashMap<>();
        assessments.forEach(trust -> latest.merge(trust.getAuthorId(), trust,
                (a, b) -> b.getRevision() > a.getRevision() ? b : a));
        return transactions.transactional(store.saveTrust(List.copyOf(latest.values())));
    }
}
