package org.bzpeer.kit.pending;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.bzpeer.kit.worker.DrainLoop;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * Recomputes what is derived from the keys waiting in a {@link PendingKeys} queue, a batch at a time, on a thread of
 * its own: each batch claims up to {@code batchSize} due keys for {@link #LEASE} (a statement of its own, so writers
 * never wait for a recomputation), hands them to {@code derive} and completes the claim in one transaction; a crash
 * leaves the keys to come due when the lease ends, a failure releases them at once, and a redo is harmless. Consumers
 * mark keys and {@link #wakeUp()} it; while a batch runs, new marks of the same keys coalesce, so under load each key
 * is recomputed far less often than it is touched.
 */
public final class PendingDerivation implements SmartLifecycle {

    /**
     * How long a claim keeps its keys from other derivers: longer than any batch takes, short enough that the keys of a
     * deriver that died are soon recomputed by another.
     */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final PendingKeys queue;
    private final TransactionalOperator transactions;
    private final int batchSize;
    private final Function<List<String>, Mono<Void>> derive;
    private final Runnable afterCommit;
    private final DrainLoop loop;

    /**
     * @param name         the worker thread's name
     * @param derive       recomputes the given keys inside the batch's transaction
     * @param afterCommit  runs after a batch committed (e.g. wakes the outbox relay)
     * @param pollInterval longest wait for keys marked by other instances or coming due
     */
    public PendingDerivation(String name, PendingKeys queue, TransactionalOperator transactions, int batchSize,
            Function<List<String>, Mono<Void>> derive, Runnable afterCommit, Duration pollInterval) {
        this.queue = queue;
        this.transactions = transactions;
        this.batchSize = batchSize;
        this.derive = derive;
        this.afterCommit = afterCommit;
        this.loop = new DrainLoop(name, () -> deriveBatch() == batchSize, pollInterval, Duration.ofMillis(200),
                Duration.ofSeconds(10));
    }

    /** Asks for a batch now rather than at the next poll. */
    public void wakeUp() {
        loop.wakeUp();
    }

    /** Claims, recomputes and completes one batch of due keys; returns how many keys it recomputed. */
    public int deriveBatch() {
        PendingKeys.Claim claim = queue.claimDue(batchSize, LEASE).block();
        if (claim == null || claim.isEmpty()) {
            return 0;
        }
        try {
            transactions.transactional(derive.apply(claim.keys()).then(queue.complete(claim))).block();
        } catch (RuntimeException failure) {
            queue.release(claim).onErrorResume(releaseFailed -> Mono.empty()).block();
            throw failure;
        }
        afterCommit.run();
        return claim.keys().size();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
