package org.bzpeer.ingest.work.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bzpeer.ingest.author.application.AuthorResolution;
import org.bzpeer.ingest.author.application.BylineAuthors;
import org.bzpeer.ingest.work.store.ConcurrentImportException;
import org.bzpeer.ingest.work.store.HeldWorkStore;
import org.bzpeer.ingest.work.store.IdentityStore;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.ingest.work.store.IdentityStore.TitleKey;
import org.bzpeer.ingest.work.store.IdentityStore.TitledWork;
import org.bzpeer.ingest.work.store.OrcidClaimStore;
import org.bzpeer.ingest.work.store.OrcidClaimStore.OrcidClaim;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.R2dbcException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Imports batches of valid submissions: de-duplicates them against every work seen before (merging works found to be
 * one by their identifiers, or a copy without identifiers and the identified work its title key points to), decides
 * their authors ({@link BylineAuthors}), and, for each work whose content changed, records the new version, its
 * {@code work.imported} event (outbox; a new work with authors known only by name is held until resolution settles
 * them, {@link FirstPublications}) and its authorships for author resolution ({@link AuthorResolution}, which settles
 * the authors shortly after), in one transaction. The works a batch touches are locked first; a batch that
 * conflicts with a concurrent import (another instance linking the same identifiers, or deadlocking with it) is tried
 * again whole, up to {@value #BATCH_ATTEMPTS} times, then record by record, each record up to
 * {@value #RECORD_ATTEMPTS} times with a short random backoff, so concurrent importers settle who creates what, and a
 * record that still conflicts is rejected alone while the rest of the batch is kept.
 */
@Service
public class WorkImporter {

    private static final Logger log = LoggerFactory.getLogger(WorkImporter.class);

    /**
     * Tries of a whole batch that conflicts with a concurrent import: the other import has usually committed by the
     * next try, which then sees its works; only a batch that keeps conflicting is split.
     */
    private static final int BATCH_ATTEMPTS = 3;

    /** Tries of a record that keeps conflicting with concurrent imports (another instance linking its identifiers). */
    private static final int RECORD_ATTEMPTS = 5;

    private final IdentityStore store;
    private final OrcidClaimStore claims;
    private final HeldWorkStore held;
    private final AuthorResolution resolution;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;
    private final MeterRegistry meters;

    public WorkImporter(IdentityStore store, OrcidClaimStore claims, HeldWorkStore held, AuthorResolution resolution,
            OutboxWriter outbox, OutboxRelay relay, TransactionalOperator transactions, MeterRegistry meters) {
        this.store = store;
        this.claims = claims;
        this.held = held;
        this.resolution = resolution;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.meters = meters;
    }

    /** Imports {@code batch}; emits one outcome per submission, in order. */
    public Mono<List<RecordOutcome>> importBatch(List<IndexedSubmission> batch) {
        return Mono.defer(() -> transactions.transactional(importTogether(batch)))
                .retryWhen(Retry.backoff(BATCH_ATTEMPTS - 1, Duration.ofMillis(20)).jitter(0.5)
                        .filter(WorkImporter::isConflict))
                .onErrorResume(WorkImporter::isConflict, conflict -> {
                    log.info("Batch of {} conflicted with concurrent imports {} times ({}); retrying record by record",
                            batch.size(), BATCH_ATTEMPTS, conflict.getMessage());
                    return Flux.fromIterable(batch)
                            .concatMap(submission -> Mono.defer(() ->
                                            transactions.transactional(importTogether(List.of(submission))))
                                    .retryWhen(Retry.backoff(RECORD_ATTEMPTS - 1, Duration.ofMillis(20))
                                            .jitter(0.5).filter(WorkImporter::isConflict))
                                    .onErrorResume(WorkImporter::isConflict, again -> Mono.just(List.of(
                                            new RecordOutcome.Rejected(submission.index(), "$",
                                                    "conflicts with a concurrent import of the same work; "
                                                            + "submit it again")))))
                            .flatMapIterable(outcomes -> outcomes)
                            .collectList();
                })
                .doOnSuccess(outcomes -> {
                    count(outcomes);
                    relay.wakeUp();
                });
    }

    /**
     * Imports {@code batch} in the caller's transaction: locks the title keys and the works the batch's identifiers
     * and title keys name, joins records into works, and saves what the plan decided.
     */
    private Mono<List<RecordOutcome>> importTogether(List<IndexedSubmission> batch) {
        Set<Key> workKeys = new LinkedHashSet<>();
        Set<TitleKey> titleKeys = new LinkedHashSet<>();
        batch.forEach(submission -> {
            List<Key> keys = BatchPlan.workKeys(submission.work());
            workKeys.addAll(keys);
            Optional.ofNullable(WorkTitleKeys.of(submission.work(), keys)).ifPresent(titleKeys::add);
        });
        Set<String> titles = titleKeys.stream().map(TitleKey::titleKey).collect(Collectors.toSet());
        return store.lockTitleKeys(titles)
                .then(store.findWorkIds(workKeys))
                .flatMap(found -> findTitledWorks(titles, found.values()).flatMap(titled -> {
                    Map<Key, String> seen = new HashMap<>(found);
                    titled.forEach(work -> seen.put(work.key().knownBy(), work.workId()));
                    return store.lockWorkIdentifiers(Set.copyOf(seen.values())).flatMap(linked -> {
                        seen.forEach((key, workId) -> {
                            if (!workId.equals(linked.get(key))) {
                                throw new ConcurrentImportException("another import moved identifier "
                                        + key.scheme() + ":" + key.value() + " meanwhile");
                            }
                        });
                        WorkComponents components = new WorkComponents(linked);
                        batch.forEach(submission -> components.sameWork(BatchPlan.workKeys(submission.work())));
                        Set<TitleKey> knownTitleKeys = new LinkedHashSet<>(titleKeys);
                        titled.forEach(work -> knownTitleKeys.add(work.key()));
                        components.joinByTitle(knownTitleKeys);
                        return save(batch, workKeys, components)
                                .flatMap(outcomes -> store.saveTitleKeys(titleKeys).thenReturn(outcomes));
                    });
                }));
    }

    /**
     * The stored title keys equal to {@code titles} (locked already) or to a title key of {@code workIds}; the latter
     * are locked too and read again, so a copy with such a title key imported meanwhile is seen.
     */
    private Mono<List<TitledWork>> findTitledWorks(Set<String> titles, Collection<String> workIds) {
        return store.findTitledWorks(titles, workIds).flatMap(titled -> {
            Set<String> more = titled.stream().map(work -> work.key().titleKey())
                    .filter(title -> !titles.contains(title)).collect(Collectors.toSet());
            return more.isEmpty() ? Mono.just(titled)
                    : store.lockTitleKeys(more).then(store.findTitledWorks(titles, workIds));
        });
    }

    /** Plans the batch on the joined works and saves the plan: works, retired ids, new links, copies, events. */
    private Mono<List<RecordOutcome>> save(List<IndexedSubmission> batch, Set<Key> workKeys,
            WorkComponents components) {
        Map<String, String> retired = components.retiredWorkIds();
        Set<String> touched = new LinkedHashSet<>(retired.keySet());
        workKeys.forEach(key -> touched.add(components.workIdOf(key)));
        components.copies().forEach((copy, joined) -> {
            touched.add(copy);
            if (joined != null) {
                touched.add(joined);
            }
        });
        List<OrcidClaim> submittedClaims = batch.stream()
                .flatMap(submission -> submission.work().bylinePartial()
                        ? PartialBylines.claims(submission.work()).stream() : Stream.empty())
                .toList();
        Set<Key> claimable = components.keys().stream()
                .filter(key -> !key.scheme().equals(WorkComponents.TITLE_FINGERPRINT)).collect(Collectors.toSet());
        return Mono.zip(store.findPublished(touched), store.findDisowned(touched),
                resolution.bylineAuthors(touched, BylineAuthors.writtenNames(
                        batch.stream().map(IndexedSubmission::work).toList())),
                store.findCopies(components.copies().keySet()),
                batch.stream().anyMatch(submission -> submission.work().bylinePartial())
                        ? store.findContents(touched) : Mono.just(Map.<String, byte[]>of()),
                claims.find(claimable), held.find(touched)).flatMap(state -> {
                    List<OrcidClaim> known = new ArrayList<>(state.getT6());
                    known.addAll(submittedClaims);
                    Set<String> recordedBefore = Set.copyOf(state.getT1().keySet());
                    BatchPlan plan = new BatchPlan(components, state.getT1(), state.getT2(), state.getT3(),
                            state.getT4(), state.getT5(), known);
                    batch.forEach(plan::apply);
                    plan.retire(retired);
                    plan.settleCopies();
                    Set<String> republished = new LinkedHashSet<>(retired.keySet());
                    plan.workChanges().forEach(change -> republished.add(change.workId()));
                    FirstPublications first = FirstPublications.of(plan.events(), plan.mentions(), state.getT7(),
                            recordedBefore);
                    return store.saveWorks(plan.workChanges())
                            .then(store.retireWorks(retired))
                            .then(store.linkWorkIdentifiers(components.newLinks()))
                            .then(store.saveCopies(plan.copyChanges()))
                            .then(claims.save(submittedClaims))
                            .then(outbox.appendAll(first.events()))
                            .then(held.hold(first.held()))
                            .then(held.forget(first.letGo()))
                            .then(resolution.replaceMentions(republished, plan.mentions()))
                            .then(resolution.replaceOrcidNames(PartialBylines.ownerNames(batch.stream()
                                    .map(IndexedSubmission::work).toList())))
                            .thenReturn(plan.outcomes());
                });
    }

    /**
     * Whether {@code error} (or what retries of it exhausted) is a conflict with a concurrent import or resolution: a
     * moved identifier, a duplicate key, or a transaction the database rolled back to settle a conflict (a deadlock,
     * a serialization failure: SQL state class 40).
     */
    private static boolean isConflict(Throwable error) {
        Throwable cause = Exceptions.isRetryExhausted(error) && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConcurrentImportException || cause instanceof DataIntegrityViolationException
                || cause instanceof ConcurrencyFailureException) {
            return true;
        }
        for (Throwable inner = cause; inner != null && inner.getCause() != inner; inner = inner.getCause()) {
            if (inner instanceof R2dbcException database && database.getSqlState() != null
                    && database.getSqlState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private void count(List<RecordOutcome> outcomes) {
        for (RecordOutcome outcome : outcomes) {
            String result = outcome instanceof RecordOutcome.Imported imported
                    ? imported.change().name().toLowerCase() : "rejected";
            meters.counter("bzpeer.ingest.records", "outcome", result).increment();
        }
    }
}
