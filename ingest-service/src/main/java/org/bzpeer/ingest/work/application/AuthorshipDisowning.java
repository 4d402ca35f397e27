package org.bzpeer.ingest.work.application;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bzpeer.ingest.work.store.ConcurrentImportException;
import org.bzpeer.ingest.work.store.IdentityStore;
import org.bzpeer.ingest.work.store.IdentityStore.Disowned;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.schemas.events.AuthorshipDisowned;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Applies "not my work": records each disowned authorship (on the work it is now, if it was merged since) so every
 * later import leaves it out, and publishes each affected work again without it, in one transaction with the works
 * locked as imports lock them. Idempotent: a redelivered event finds the authorship gone and publishes nothing.
 */
@Service
public class AuthorshipDisowning {

    private static final int ATTEMPTS = 10;

    private final IdentityStore store;
    private final WorkRepublishing republishing;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;

    public AuthorshipDisowning(IdentityStore store, WorkRepublishing republishing, OutboxRelay relay,
            TransactionalOperator transactions) {
        this.store = store;
        this.republishing = republishing;
        this.relay = relay;
        this.transactions = transactions;
    }

    /** Applies a batch of disowned authorships. */
    public Mono<Void> apply(List<AuthorshipDisowned> events) {
        Set<String> listed = new HashSet<>();
        events.forEach(event -> listed.add(event.getWorkId()));
        return Mono.defer(() -> transactions.transactional(store.currentWorkIds(listed)
                        .flatMap(current -> republishing.lock(current.values())
                                .then(store.saveDisowned(events.stream().map(event -> new Disowned(
                                        current.get(event.getWorkId()), event.getAuthorId(), event.getUserId()))
                                        .toList()))
                                .then(republishing.leaveOutDisowned(current.values())))))
                .retryWhen(Retry.backoff(ATTEMPTS - 1, Duration.ofMillis(20)).jitter(0.5)
                        .filter(error -> error instanceof ConcurrentImportException))
                .doOnSuccess(done -> relay.wakeUp());
    }
}
