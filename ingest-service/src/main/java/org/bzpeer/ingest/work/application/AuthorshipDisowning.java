package org.bzpeer.ingest.work.application;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.work.store.ConcurrentImportException;
import org.bzpeer.ingest.work.store.IdentityStore;
import org.bzpeer.ingest.work.store.IdentityStore.Disowned;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.events.AuthorshipDisowned;
import org.bzpeer.schemas.events.WorkImported;
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
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;

    public AuthorshipDisowning(IdentityStore store, OutboxWriter outbox, OutboxRelay relay,
            TransactionalOperator transactions) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
    }

    /** Applies a batch of disowned authorships. */
    public Mono<Void> apply(List<AuthorshipDisowned> events) {
        Set<String> listed = new HashSet<>();
        events.forEach(event -> listed.add(event.getWorkId()));
        return Mono.defer(() -> transactions.transactional(store.currentWorkIds(listed)
                        .flatMap(current -> store.lockWorkIdentifiers(Set.copyOf(current.values()))
                                .then(disown(events, current)))))
                .retryWhen(Retry.backoff(ATTEMPTS - 1, Duration.ofMillis(20)).jitter(0.5)
                        .filter(error -> error instanceof ConcurrentImportException))
                .doOnSuccess(done -> relay.wakeUp());
    }

    private Mono<Void> disown(List<AuthorshipDisowned> events, Map<String, String> current) {
        List<Disowned> disowned = events.stream()
                .map(event -> new Disowned(current.get(event.getWorkId()), event.getAuthorId(), event.getUserId()))
                .toList();
        Set<String> works = new HashSet<>(current.values());
        return store.saveDisowned(disowned)
                .then(Mono.zip(store.findContents(works), store.findPublished(works), store.findDisowned(works)))
                .flatMap(state -> {
                    BatchPlan plan = new BatchPlan(new WorkComponents(Map.of()), state.getT2(), new HashMap<>());
                    state.getT1().forEach((workId, content) -> plan.disown(
                            EventCodec.instance().decode(content, WorkImported.class),
                            state.getT3().getOrDefault(workId, Set.of())));
                    return store.saveWorks(plan.workChanges()).then(outbox.appendAll(plan.events()));
                });
    }
}
