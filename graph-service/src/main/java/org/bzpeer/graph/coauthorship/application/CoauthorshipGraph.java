package org.bzpeer.graph.coauthorship.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.bzpeer.graph.coauthorship.model.WorkSnapshot;
import org.bzpeer.graph.coauthorship.store.AuthorSummaryRecord;
import org.bzpeer.graph.coauthorship.store.GraphStore;
import org.bzpeer.kit.authors.RetiredAuthors;
import org.bzpeer.kit.batch.LatestPerKey;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.kit.pending.PendingDerivation;
import org.bzpeer.kit.pending.PendingKeys;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The co-authorship graph's two use cases. {@link #applyWorks} stores a batch of imported works in one transaction:
 * each version newer than the stored one replaces the work's authors, topics and institutions, and every author it
 * touches (listed before or after) is marked pending. {@link #summarizePending} then recomputes the summaries of
 * pending authors, a batch at a time, and appends each summary that changed to the outbox as
 * {@code author.graph.updated}: however many works of a batch, or of batches in quick succession, touch an author,
 * the summary is recomputed and published once. Stale or repeated versions change nothing and mark nobody, so
 * redelivery and reordering are harmless.
 */
@Service
public class CoauthorshipGraph implements SmartLifecycle {

    private final GraphStore store;
    private final PendingKeys pending;
    private final RetiredAuthors retired;
    private final OutboxWriter outbox;
    private final TransactionalOperator transactions;
    private final GraphProperties properties;
    private final PendingDerivation summaries;
    private final Counter applied;
    private final Counter published;

    public CoauthorshipGraph(GraphStore store, DatabaseClient database, OutboxWriter outbox, OutboxRelay relay,
            TransactionalOperator transactions, GraphProperties properties, MeterRegistry meters) {
        this.store = store;
        this.pending = new PendingKeys(database, "pending_summary");
        this.retired = new RetiredAuthors(database, "retired_author");
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.summaries = new PendingDerivation("graph-summaries", pending, transactions,
                properties.summaryBatchSize(), this::summarize, relay::wakeUp, pollInterval(properties));
        this.applied = Counter.builder("bzpeer.graph.works")
                .description("Work events applied to the co-authorship graph (stale versions included)")
                .register(meters);
        this.published = Counter.builder("bzpeer.graph.summaries.published")
                .description("Changed author summaries sent to the outbox").register(meters);
    }

    /**
     * Applies {@code works} in one transaction, retired authors read as their survivors, and marks the touched
     * authors for a summary.
     */
    public Mono<Void> applyWorks(List<WorkImported> works) {
        return transactions.transactional(retired.canonical(works).flatMap(canonical -> {
                    List<WorkSnapshot> latest = LatestPerKey.of(canonical.works(), WorkImported::getWorkId,
                            WorkImported::getVersion).stream().map(WorkSnapshot::of).toList();
                    return store.replaceWorks(latest, properties.maxCoauthorshipAuthors());
                }).flatMap(touched -> pending.mark(touched, properties.summaryLinger())))
                .doOnSuccess(done -> {
                    applied.increment(works.size());
                    summaries.wakeUp();
                });
    }

    /**
     * Applies {@code merges} in one transaction: the stored works listing a newly retired author list its survivor
     * (through chains of merges) instead, so the retired author leaves the graph at once (their last, empty summary
     * is published) whether or not the works published again naming the survivor arrived yet; every author whose
     * neighbourhood changed is marked for a summary. Merges applied before change nothing.
     */
    public Mono<Void> applyMerges(List<AuthorMerged> merges) {
        return transactions.transactional(retired.record(merges).flatMap(survivors -> survivors.isEmpty()
                        ? Mono.<Void>empty()
                        : store.findWorksOf(survivors.keySet())
                                .flatMap(stored -> store.rewriteWorks(stored.stream()
                                        .map(work -> work.withAuthorsRenamed(survivors)).toList(),
                                        properties.maxCoauthorshipAuthors()))
                                .flatMap(touched -> {
                                    Set<String> marked = new TreeSet<>(touched);
                                    marked.addAll(survivors.keySet());
                                    return pending.mark(marked, properties.summaryLinger());
                                })))
                .doOnSuccess(done -> summaries.wakeUp());
    }

    /** Recomputes one batch of pending summaries now; returns how many authors it recomputed. */
    public int summarizePending() {
        return summaries.deriveBatch();
    }

    private Mono<Void> summarize(List<String> authorIds) {
        return store.recomputeSummaries(authorIds, properties.closeCollaboratorMinSharedWorks())
                .flatMap(changed -> outbox.appendAll(changed.stream().map(CoauthorshipGraph::event).toList())
                        .doOnSuccess(done -> published.increment(changed.size())));
    }

    /** Polls for due authors as often as they come due, but no more than every 50 ms. */
    private static Duration pollInterval(GraphProperties properties) {
        Duration floor = Duration.ofMillis(50);
        return properties.summaryLinger().compareTo(floor) > 0 ? properties.summaryLinger() : floor;
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

    @Override
    public void start() {
        summaries.start();
    }

    @Override
    public void stop() {
        summaries.stop();
    }

    @Override
    public boolean isRunning() {
        return summaries.isRunning();
    }
}
