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
 * its own: each batch claims up to {@code batchSize} due keys, hands them to {@code derive} and completes them, all in
 * one transaction, so a crash leaves the keys waiting and a redo is harmless. Consumers mark keys and
 * {@link #wakeUp()} it; while a batch runs, new marks of the same keys coalesce, so under load each key is recomputed
 * far less often than it is touched.
 */
public final class PendingDerivation implements SmartLifecycle {

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
        Integer claimed = transactions.transactional(queue.claimDue(batchSize)
                        .flatMap(keys -> keys.isEmpty() ? Mono.just(0)
                                : derive.apply(keys).then(queue.complete(keys)).thenReturn(keys.size())))
                .block();
        if (claimed != null && claimed > 0) {
            afterCommit.run();
        }
        return claimed == null ? 0 : claimed;
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
