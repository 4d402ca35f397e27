package org.bzpeer.kit.outbox;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
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
 * <p>The outbox never stalls on one row. A row the broker can never take ({@linkplain #unpublishable too large, an
 * invalid topic, ...}) is parked: marked with the time and reason, logged once, counted by
 * {@code bzpeer.outbox.parked}, and skipped from then on until ops retry or drop it, while the relay goes on with
 * the other rows, later rows of the same key included. So a parked event can be overtaken by a newer event of its
 * aggregate; that is safe because events carry a per-aggregate version or revision and consumers keep the highest,
 * and a retried parked event arrives late and is ignored wherever something newer was applied. A failure that
 * passes (broker unavailable, timeout) parks nothing: the whole batch is rolled back and tried again, in order
 * (when it meets rows of a batch in which others were parked, those rows simply wait for the next batch).
 * {@code bzpeer.outbox.backlog} and {@code bzpeer.outbox.oldest.age.seconds} measure only rows waiting to be
 * published, not parked ones; the backlog is the span of their ids (an upper bound, read without counting).
 *
 * <p>For chaos testing only, {@code bzpeer.outbox.fault-injection.halt-after-publish} halts the JVM inside that window,
 * after the broker's ack and before the delete (see {@link OutboxProperties.FaultInjection}).
 */
public class OutboxRelay implements SmartLifecycle {

    /** Exit status of a JVM halted by {@code bzpeer.outbox.fault-injection.halt-after-publish}. */
    public static final int FAULT_INJECTION_HALT_STATUS = 86;

    /** The advisory lock key every relay of a service's database competes for. */
    static final long RELAY_LOCK = 0x627a706565724f42L;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String TAKE_LEASE = "SELECT pg_try_advisory_xact_lock(:lock) AS leased";

    private static final String LOCK_BATCH = """
            SELECT id, topic, event_key, payload FROM event_outbox WHERE parked_at IS NULL
            ORDER BY id LIMIT :limit FOR UPDATE
            """;

    private static final String PARK = """
            UPDATE event_outbox o SET parked_at = now(), park_reason = p.reason
            FROM unnest(CAST(:ids AS bigint[]), CAST(:reasons AS text[])) AS p(id, reason)
            WHERE o.id = p.id
            """;

    /** The backlog gauges are refreshed at most this often: counting a long outbox after every batch would cost. */
    private static final Duration BACKLOG_MEASUREMENT_INTERVAL = Duration.ofSeconds(1);

    /**
     * The backlog as the span of the waiting ids and the age of the first of them, both read from the ends of the
     * waiting rows' index, and the parked rows (few) counted on theirs: counting with a bare {@code parked_at} filter
     * was planned as a scan of the whole outbox while it lacked statistics, as a fast-growing queue mostly does (~50 ms
     * a second at 60,000 rows, on the relay's own thread); ordered by id, each count stays on its index.
     */
    private static final String BACKLOG = """
            SELECT COALESCE(last.id - first.id + 1, 0) AS backlog,
                   (SELECT count(*) FROM (SELECT id FROM event_outbox WHERE parked_at IS NOT NULL ORDER BY id)
                       AS parked_rows) AS parked,
                   COALESCE(EXTRACT(EPOCH FROM now() - first.created_at), 0) AS oldest_seconds
            FROM (SELECT 1) AS one
            LEFT JOIN (SELECT id, created_at FROM event_outbox WHERE parked_at IS NULL ORDER BY id LIMIT 1) AS first
                ON true
            LEFT JOIN (SELECT id FROM event_outbox WHERE parked_at IS NULL ORDER BY id DESC LIMIT 1) AS last ON true
            """;

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Producer<String, byte[]> producer;
    private final OutboxProperties properties;
    private final Counter published;
    private final DrainLoop loop;
    private volatile long backlog;
    private volatile long parked;
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
                .description("Outbox rows not yet published, refreshed at most every second: the span of their ids, "
                        + "so ids of rolled-back writes between them count too").register(meters);
        Gauge.builder("bzpeer.outbox.oldest.age.seconds", () -> oldestSeconds)
                .description("Age of the oldest unpublished outbox row, refreshed at most every second")
                .register(meters);
        Gauge.builder("bzpeer.outbox.parked", () -> parked)
                .description("Outbox rows parked because the broker cannot take them; ops retry or drop them")
                .register(meters);
        this.loop = new DrainLoop("outbox-relay", () -> publishBatch() == properties.batchSize(),
                properties.pollInterval(), properties.retryDelay(), properties.maxRetryDelay());
    }

    /** Asks the relay to publish now rather than at its next poll. */
    public void wakeUp() {
        loop.wakeUp();
    }

    /**
     * Publishes one batch of waiting events, unless another relay holds the lease; returns how many rows it took
     * care of (published or parked).
     */
    public int publishBatch() {
        try {
            SendOutcome outcome = transactions.transactional(lockBatch().flatMap(this::sendAndSettle))
                    .block(properties.stepTimeout());
            if (outcome == null) {
                return 0;
            }
            published.increment(outcome.published().size());
            outcome.parked().forEach(parkedRow -> log.error(
                    "Parked outbox row {} (topic {}, key {}, {} bytes), the broker cannot take it: {}",
                    parkedRow.row().id(), parkedRow.row().topic(), parkedRow.row().key(),
                    parkedRow.row().payload().length, parkedRow.reason()));
            return outcome.published().size() + outcome.parked().size();
        } finally {
            if (System.nanoTime() - backlogMeasuredAt >= BACKLOG_MEASUREMENT_INTERVAL.toNanos()) {
                measureBacklog();
            }
        }
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

    /** Sends {@code rows} off the database I/O threads, then deletes the published ones and parks the others. */
    private Mono<SendOutcome> sendAndSettle(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(new SendOutcome(List.of(), List.of()));
        }
        return Mono.fromCallable(() -> send(rows))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(outcome -> haltIfInjected(outcome.published().size()))
                .flatMap(outcome -> delete(outcome.published()).then(park(outcome.parked())).thenReturn(outcome));
    }

    private Mono<Long> delete(List<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return database.sql("DELETE FROM event_outbox WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new)).fetch().rowsUpdated();
    }

    private Mono<Long> park(List<ParkedRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        return database.sql(PARK)
                .bind("ids", rows.stream().map(row -> row.row().id()).toArray(Long[]::new))
                .bind("reasons", rows.stream().map(ParkedRow::reason).toArray(String[]::new))
                .fetch().rowsUpdated();
    }

    /**
     * Sends {@code rows} in order and waits for every ack. Rows the broker can never take are to be parked; if any
     * other row failed (the broker unavailable, a timeout) and none is to be parked, throws, so the whole batch is
     * tried again in order. When some rows are parked, rows that failed otherwise stay waiting for the next batch.
     */
    private SendOutcome send(List<OutboxRow> rows) throws InterruptedException, TimeoutException {
        List<Future<?>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(sendOne(row));
        }
        List<Long> sent = new ArrayList<>(rows.size());
        List<ParkedRow> unpublishable = new ArrayList<>();
        Exception passing = null;
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (int i = 0; i < rows.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(rows.get(i).id());
            } catch (ExecutionException e) {
                if (unpublishable(e.getCause())) {
                    unpublishable.add(new ParkedRow(rows.get(i), e.getCause().toString()));
                } else {
                    passing = e;
                }
            } catch (TimeoutException e) {
                passing = e;
            }
        }
        if (passing != null && unpublishable.isEmpty()) {
            throw new IllegalStateException("Cannot publish the outbox batch: " + passing.getMessage(), passing);
        }
        return new SendOutcome(sent, unpublishable);
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

    /** Sends one row; a failure the producer raises at once becomes a failed ack, as the broker's would be. */
    private Future<?> sendOne(OutboxRow row) {
        try {
            return producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
        } catch (KafkaException e) {
            if (unpublishable(e)) {
                return CompletableFuture.failedFuture(e);
            }
            throw e;
        }
    }

    /**
     * Whether the broker will never take a record, however often it is sent: too large for the producer or the
     * topic, an invalid topic name, a value the broker rejects as invalid, a serialization failure. Anything else
     * (broker unavailable, timeouts, leadership changes, authorization being set up) is waited out instead.
     */
    static boolean unpublishable(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException || failure instanceof InvalidRecordException
                || failure instanceof SerializationException;
    }

    /**
     * Counts waiting and parked rows for the gauges, whether or not the batch was published: the backlog matters
     * most while the broker is down. A failure to count leaves the last figures; the loop reports the failure.
     */
    private void measureBacklog() {
        backlogMeasuredAt = System.nanoTime();
        try {
            database.sql(BACKLOG)
                    .map((row, meta) -> {
                        backlog = row.get("backlog", Long.class);
                        parked = row.get("parked", Long.class);
                        oldestSeconds = row.get("oldest_seconds", Number.class).doubleValue();
                        return backlog;
                    })
                    .one()
                    .block(properties.stepTimeout());
        } catch (RuntimeException e) {
            log.debug("Cannot measure the outbox backlog: {}", e.toString());
        }
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

    private record ParkedRow(OutboxRow row, String reason) {
    }

    private record SendOutcome(List<Long> published, List<ParkedRow> parked) {
    }
}
