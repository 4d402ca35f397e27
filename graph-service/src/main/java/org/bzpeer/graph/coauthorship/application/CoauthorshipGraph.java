package org.bzpeer.graph.coauthorship.application;

import java.time.Instant;
import java.util.UUID;

import org.bzpeer.graph.coauthorship.model.WorkSnapshot;
import org.bzpeer.graph.coauthorship.store.AuthorSummaryRecord;
import org.bzpeer.graph.coauthorship.store.GraphStore;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Applies imported works to the co-authorship graph. In one transaction per work: a version newer than the stored one
 * replaces the work's authors, topics and institutions; the summaries of every author it touches (authors of the new
 * version and authors it dropped) are recomputed; and each summary that changed is appended to the outbox as
 * {@code author.graph.updated} with the author's next revision. A version not newer than the stored one changes
 * nothing and publishes nothing, so redeliveries and out-of-order versions are harmless.
 */
@Service
public class CoauthorshipGraph {

    private final GraphStore store;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;
    private final GraphProperties properties;
    private final Counter applied;
    private final Counter stale;

    public CoauthorshipGraph(GraphStore store, OutboxWriter outbox, OutboxRelay relay,
            TransactionalOperator transactions, GraphProperties properties, MeterRegistry meters) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.properties = properties;
        this.applied = Counter.builder("bzpeer.graph.works").tag("outcome", "applied")
                .description("Work versions applied to the co-authorship graph").register(meters);
        this.stale = Counter.builder("bzpeer.graph.works").tag("outcome", "stale")
                .description("Work versions ignored because a same or newer version was stored").register(meters);
    }

    /** Applies {@code work}; emits how many author summaries changed (and were published), 0 for a stale version. */
    public Mono<Integer> apply(WorkImported work) {
        WorkSnapshot snapshot = WorkSnapshot.of(work);
        Mono<Integer> change = store.replaceWork(snapshot)
                .flatMap(touched -> store.recomputeSummaries(touched, properties.closeCollaboratorMinSharedWorks()))
                .flatMap(changed -> outbox.appendAll(changed.stream().map(CoauthorshipGraph::event).toList())
                        .thenReturn(changed.size()));
        return transactions.transactional(change)
                .doOnNext(published -> {
                    applied.increment();
                    if (published > 0) {
                        relay.wakeUp();
                    }
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    stale.increment();
                    return 0;
                }));
    }

    private static OutboundEvent<AuthorGraphUpdated> event(AuthorSummaryRecord summary) {
        return new OutboundEvent<>(Topics.AUTHOR_GRAPH_UPDATED, summary.authorId(), AuthorGraphUpdated.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setAuthorId(summary.authorId())
                .setRevision(summary.revision())
                .setWorkCount(summary.workCount())
                .setCoauthorCount(summary.coauthorCount())
                .setCloseCollaboratorCount(summary.closeCollaboratorCount())
                .setTopicCount(summary.topicCount())
                .setInstitutionCount(summary.institutionCount())
                .build());
    }
}
