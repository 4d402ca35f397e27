package org.bzpeer.ingest.work.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.work.store.HeldWorkStore;
import org.bzpeer.ingest.work.store.IdentityStore;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Publishes works again from their last recorded content, without their source records: with authorships disowned
 * by their owner left out, or with authors renamed by resolution; and publishes held works ({@link HeldWorkStore})
 * once resolution lets them go. The caller locks the works first as imports lock them ({@link #lock}), so it never
 * races an import of the same work; a work is published only when its content changes, and a held work's changes
 * are recorded but not published until it is let go. Joins the caller's transaction.
 */
@Service
public class WorkRepublishing {

    private final IdentityStore store;
    private final HeldWorkStore held;
    private final OutboxWriter outbox;

    public WorkRepublishing(IdentityStore store, HeldWorkStore held, OutboxWriter outbox) {
        this.store = store;
        this.held = held;
        this.outbox = outbox;
    }

    /** Locks {@code workIds} as imports lock them, until the transaction ends. */
    public Mono<Void> lock(Collection<String> workIds) {
        return store.lockWorkIdentifiers(Set.copyOf(workIds)).then();
    }

    /**
     * Settles what author resolution decided: publishes each work of {@code renames} (locked by this transaction) again
     * with its authors renamed (old id to new), its disowned authorships left out; strikes {@code resolvedByWork}
     * (blocks just resolved, per work) off what held works wait for; and publishes, once, each held work that waits
     * for nothing more: renamed if it was, else as last recorded. A work still held is recorded renamed, not published.
     * Answers the renamed works that had never been published before (held until now or still).
     */
    public Mono<Set<String>> settleAuthors(Map<String, Map<String, String>> renames,
            Map<String, Set<String>> resolvedByWork) {
        return held.resolved(resolvedByWork).flatMap(released -> republish(renames.keySet(),
                (plan, work, disowned) -> plan.renameAuthors(work, renames.getOrDefault(work.getWorkId(), Map.of()),
                        disowned), released)
                .flatMap(republished -> {
                    Set<String> unchanged = new HashSet<>(released);
                    unchanged.removeAll(republished.published());
                    return publishAsRecorded(unchanged).then(held.forget(released))
                            .thenReturn(republished.heldBefore());
                }));
    }

    /** Publishes each of {@code workIds} (locked by this transaction) again without its disowned authorships. */
    public Mono<Void> leaveOutDisowned(Collection<String> workIds) {
        return republish(workIds, BatchPlan::disown, Set.of()).then();
    }

    /**
     * Publishes as recorded, and stops holding, up to {@code limit} works held longer than {@code maxHold}; answers
     * them. Without the identifier locks: a concurrent import of one of them records a newer version, published later.
     */
    public Mono<List<String>> releaseOverdue(Duration maxHold, int limit) {
        return held.lockOverdue(maxHold, limit).flatMap(overdue -> overdue.isEmpty() ? Mono.just(overdue)
                : publishAsRecorded(Set.copyOf(overdue)).then(held.forget(overdue)).thenReturn(overdue));
    }

    /** Publishes {@code workIds} as last recorded, each at its recorded version. */
    private Mono<Void> publishAsRecorded(Set<String> workIds) {
        return workIds.isEmpty() ? Mono.empty()
                : Mono.zip(store.findContents(workIds), store.findPublished(workIds)).flatMap(state -> {
                    List<OutboundEvent<WorkImported>> events = new ArrayList<>();
                    state.getT1().forEach((workId, content) -> events.add(
                            BatchPlan.recorded(content, state.getT2().get(workId).version())));
                    return outbox.appendAll(events);
                });
    }

    /**
     * What {@link #republish} did.
     *
     * @param published  the works whose new version was published
     * @param heldBefore the works that were held (never published) before
     */
    private record Republished(Set<String> published, Set<String> heldBefore) {
    }

    /** Records {@code workIds} rewritten and publishes those that changed, unless held and not {@code released}. */
    private Mono<Republished> republish(Collection<String> workIds, Rewrite rewrite, Set<String> released) {
        if (workIds.isEmpty()) {
            return Mono.just(new Republished(Set.of(), Set.of()));
        }
        Set<String> works = Set.copyOf(workIds);
        return Mono.zip(store.findContents(works), store.findPublished(works), store.findDisowned(works),
                        held.find(works))
                .flatMap(state -> {
                    BatchPlan plan = new BatchPlan(new WorkComponents(Map.of()), state.getT2(), new HashMap<>(), null);
                    state.getT1().forEach((workId, content) -> rewrite.apply(plan,
                            EventCodec.instance().decode(content, WorkImported.class),
                            state.getT3().getOrDefault(workId, Set.of())));
                    List<OutboundEvent<WorkImported>> events = plan.events().stream().filter(event ->
                            !state.getT4().contains(event.key()) || released.contains(event.key())).toList();
                    Set<String> published = new HashSet<>();
                    events.forEach(event -> published.add(event.key()));
                    return store.saveWorks(plan.workChanges()).then(outbox.appendAll(events))
                            .thenReturn(new Republished(published, state.getT4()));
                });
    }

    /** How one work's last published content is published again. */
    private interface Rewrite {
        void apply(BatchPlan plan, WorkImported lastPublished, Set<String> disowned);
    }
}
