package org.bzpeer.ingest.work.application;

import java.time.Duration;
import java.util.List;

import org.bzpeer.ingest.author.application.ResolutionProperties;
import org.bzpeer.ingest.work.store.HeldWorkStore;
import org.bzpeer.ingest.work.store.HeldWorkStore.Backlog;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.worker.DrainLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The safety net of held works ({@link FirstPublications}): every {@link #INTERVAL}, refreshes the held-works gauges,
 * then publishes as recorded, with a warning naming them, the works held longer than
 * {@code bzpeer.ingest.resolution.max-hold}. A held work waits only for blocks its import marked, and a resolution that
 * cannot apply is run again, so none should be overdue; if one is, readers get it late rather than never.
 */
@Service
public class HeldWorkSweep {

    private static final Logger log = LoggerFactory.getLogger(HeldWorkSweep.class);

    /** How often the gauges are refreshed and overdue works looked for. */
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    /** Overdue works published per transaction. */
    private static final int BATCH = 500;

    private final WorkRepublishing republishing;
    private final HeldWorkStore held;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;
    private final Duration maxHold;
    private volatile Backlog backlog = new Backlog(0, 0);

    public HeldWorkSweep(WorkRepublishing republishing, HeldWorkStore held, OutboxRelay relay,
            TransactionalOperator transactions, ResolutionProperties properties, MeterRegistry meters) {
        this.republishing = republishing;
        this.held = held;
        this.relay = relay;
        this.transactions = transactions;
        this.maxHold = properties.maxHold();
        Gauge.builder("bzpeer.ingest.held.works", () -> backlog.works())
                .description("New works held until author resolution settles their authors").register(meters);
        Gauge.builder("bzpeer.ingest.held.oldest.age.seconds", () -> backlog.oldestSeconds())
                .description("How long the work held longest has waited; past max-hold it is published anyway")
                .register(meters);
    }

    /** Refreshes the gauges and publishes one batch of overdue works; answers whether the batch was full. */
    private boolean sweep() {
        backlog = held.backlog().block();
        List<String> overdue = transactions.transactional(republishing.releaseOverdue(maxHold, BATCH)).block();
        if (overdue == null || overdue.isEmpty()) {
            return false;
        }
        log.warn("Published {} works held longer than {} for their authors, as recorded (first: {})", overdue.size(),
                maxHold, overdue.subList(0, Math.min(5, overdue.size())));
        relay.wakeUp();
        return overdue.size() == BATCH;
    }

    /** The sweep's own thread, started and stopped with the application. */
    @Bean
    DrainLoop heldWorkSweepLoop() {
        return new DrainLoop("held-work-sweep", this::sweep, INTERVAL, Duration.ofSeconds(1), INTERVAL);
    }
}
