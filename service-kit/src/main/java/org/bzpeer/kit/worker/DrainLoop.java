package org.bzpeer.kit.worker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains a queue kept in the database (outbox rows, authors waiting for a recomputation) on a thread of its own: runs
 * {@code step} again at once while it reports a full batch, otherwise waits for {@link #wakeUp()} or the poll interval;
 * after a failure (database or broker unavailable) waits a capped, doubling delay and tries again, for as long as the
 * failure lasts. Every step must be idempotent and transactional, so a failure never leaves half a batch behind.
 */
public final class DrainLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

    private final String name;
    private final BooleanSupplier step;
    private final Duration pollInterval;
    private final Duration firstRetryDelay;
    private final Duration maxRetryDelay;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    /**
     * @param name            the thread's name, also used in log lines
     * @param step            drains one batch; returns true when the batch was full (more is likely waiting)
     * @param pollInterval    longest wait between steps when nobody wakes the loop up
     * @param firstRetryDelay wait after a first failure; doubles with each further failure in a row
     * @param maxRetryDelay   longest wait after failures
     */
    public DrainLoop(String name, BooleanSupplier step, Duration pollInterval, Duration firstRetryDelay,
            Duration maxRetryDelay) {
        this.name = name;
        this.step = step;
        this.pollInterval = pollInterval;
        this.firstRetryDelay = firstRetryDelay;
        this.maxRetryDelay = maxRetryDelay;
    }

    /** Asks the loop to run a step now rather than at its next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        Duration retryDelay = firstRetryDelay;
        while (running) {
            try {
                boolean full = step.getAsBoolean();
                retryDelay = firstRetryDelay;
                if (!full) {
                    awaitWakeUp(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("{} failed, retrying in {}: {}", name, retryDelay, e.toString());
                try {
                    awaitWakeUp(retryDelay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retryDelay = retryDelay.multipliedBy(2).compareTo(maxRetryDelay) > 0
                        ? maxRetryDelay : retryDelay.multipliedBy(2);
            }
        }
    }

    /** Waits until {@link #wakeUp()} is called or {@code timeout} passes, whichever comes first. */
    private void awaitWakeUp(Duration timeout) throws InterruptedException {
        wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
