package org.bzpeer.kit.outbox;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bzpeer.kit.worker.DrainLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the rows of {@code event_outbox} to Kafka in id order and deletes them once the broker has acknowledged
 * every one (acks=all, idempotent producer). Each batch runs in a transaction that first takes a transaction-scoped
 * advisory lock: a fenced lease, so with several instances of a service exactly one relay publishes at a time and
 * every key's events reach Kafka in the order they were committed. A crash between the broker's ack and the delete
 * republishes the batch, in order, which consumers absorb because they are idempotent (at-least-once, never lost).
 * Waiting for acks happens on a worker thread, never on a database I/O thread.
 *
 * <p>For chaos testing only, {@code bzpeer.outbox.fault-injection.halt-after-publish} halts the JVM inside that window,
 * after the broker's ack and before the delete (see {@link OutboxProperties.FaultInjection}).
 */
public class OutboxRelay implements SmartLifecycle {

    /** Exit status of a JVM halted by {@code bzpeer.outbox.fault-injection.halt-after-publish}. */
    public static final int FAULT_INJECTION_HALT_STATUS = 86;

    /** The advisory lock key every relay of a service's database competes for. */
    static final long RELAY_LOCK = 0x627a706565724f42L;

    private static final String TAKE_LEASE = "SELECT pg_try_advisory_xact_lock(:lock) AS leased";

    private static final String LOCK_BATCH = """
            SELECT id, topic, event_key, payload FROM event_outbox ORDER BY id LIMIT :limit FOR UPDATE
            """;

    /** The backlog gauges are refreshed at most this often: counting a long outbox after every batch would cost. */
    private static final Duration BACKLOG_MEASUREMENT_INTERVAL = Duration.ofSeconds(1);

    private static final String BACKLOG = """
            SELECT count(*) AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS oldest_seconds
            FROM event_outbox
            """;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Producer<String, byte[]> producer;
    private final OutboxProperties properties;
    private final Counter published;
    private final DrainLoop loop;
    private volatile long backlog;
    private volatile double oldestSeconds;
    private long backlogMeasuredAt = System.nanoTime() - BACKLOG_MEASUREMENT_INTERVAL.toNanos();

    public OutboxRelay(DatabaseClient database, TransactionalOperator transactions, Producer<String, byte[]> producer,
            OutboxProperties properties, MeterRegistry meters) {
        this.database = database;
        this.transactions = transactions;
        this.producer = producer;
        this.properties = properties;
        this.published = Counter.builder("bzpeer.outbox.published")
                .description("Events published from the outbox and acknowledged by the broker").register(meters);
        Gauge.builder("bzpeer.outbox.backlog", () -> backlog)
                .description("Outbox rows not yet published, refreshed at most every second").register(meters);
        Gauge.builder("bzpeer.outbox.oldest.age.seconds", () -> oldestSeconds)
                .description("Age of the oldest unpublished outbox row, refreshed at most every second").register(meters);
        this.loop = new DrainLoop("outbox-relay", () -> publishBatch() == properties.batchSize(),
                properties.pollInterval(), properties.retryDelay(), properties.maxRetryDelay());
    }

    /** Asks the relay to publish now rather than at its next poll. */
    public void wakeUp() {
        loop.wakeUp();
    }

    /**
     * Publishes one batch of waiting events, unless another relay holds the lease; returns how many were published.
     */
    public int publishBatch() {
        Integer count = transactions.transactional(lockBatch().flatMap(this::sendAndDelete)).block();
        if (System.nanoTime() - backlogMeasuredAt >= BACKLOG_MEASUREMENT_INTERVAL.toNanos()) {
            measureBacklog();
        }
        return count == null ? 0 : count;
    }

    /** The oldest waiting rows, locked; none when another relay holds the lease. */
    private Mono<List<OutboxRow>> lockBatch() {
        return database.sql(TAKE_LEASE)
                .bind("lock", RELAY_LOCK)
                .map((row, meta) -> row.get("leased", Boolean.class))
                .one()
                .flatMap(leased -> leased ? waitingRows() : Mono.just(List.of()));
    }

    private Mono<List<OutboxRow>> waitingRows() {
        return database.sql(LOCK_BATCH)
                .bind("limit", properties.batchSize())
                .map((row, meta) -> new OutboxRow(row.get("id", Long.class), row.get("topic", String.class),
                        row.get("event_key", String.class), toBytes(row.get("payload"))))
                .all()
                .collectList();
    }

    private Mono<Integer> sendAndDelete(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(0);
        }
        return Mono.fromCallable(() -> send(rows))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(ids -> haltIfInjected(ids.length))
                .flatMap(ids -> database.sql("DELETE FROM event_outbox WHERE id = ANY(:ids)")
                        .bind("ids", ids).fetch().rowsUpdated())
                .map(deleted -> {
                    published.increment(rows.size());
                    return rows.size();
                });
    }

    /** Sends {@code rows} in order and waits for every ack; returns their ids. */
    private Long[] send(List<OutboxRow> rows) throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<?>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (Future<?> ack : acks) {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return rows.stream().map(OutboxRow::id).toArray(Long[]::new);
    }

    /** The injected fault: the batch is on the broker, its rows are still in the outbox, and the JVM stops here. */
    private void haltIfInjected(int acknowledged) {
        if (properties.faultInjection().haltAfterPublish()) {
            log.error("Fault injection (bzpeer.outbox.fault-injection.halt-after-publish): halting after the broker "
                    + "acknowledged {} events, before deleting them from the outbox", acknowledged);
            System.err.flush();
            System.out.flush();
            Runtime.getRuntime().halt(FAULT_INJECTION_HALT_STATUS);
        }
    }

    private void measureBacklog() {
        backlogMeasuredAt = System.nanoTime();
        database.sql(BACKLOG)
                .map((row, meta) -> {
                    backlog = row.get("backlog", Long.class);
                    oldestSeconds = row.get("oldest_seconds", Number.class).doubleValue();
                    return backlog;
                })
                .one()
                .block();
    }

    @Override
    public void start() {
        if (properties.enabled()) {
            loop.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    private static byte[] toBytes(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        ByteBuffer buffer = (ByteBuffer) payload;
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private record OutboxRow(Long id, String topic, String key, byte[] payload) {
    }
}
