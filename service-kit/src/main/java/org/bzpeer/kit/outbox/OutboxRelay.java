package org.bzpeer.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Publishes the rows of {@code event_outbox} to Kafka and deletes them once the broker has acknowledged every one
 * (acks=all, idempotent producer). Rows are locked with {@code FOR UPDATE SKIP LOCKED}, so several instances of a
 * service share the work without publishing a row twice in the normal case; a crash between the broker's ack and the
 * delete republishes the batch, which consumers absorb because they are idempotent (at-least-once, never lost).
 * Runs on one thread of its own; {@link #wakeUp()} after a commit publishes at once, otherwise it polls.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Producer<String, byte[]> producer;
    private final OutboxProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private volatile boolean running;
    private volatile long backlog;
    private Thread worker;

    public OutboxRelay(DatabaseClient database, TransactionalOperator transactions, Producer<String, byte[]> producer,
            OutboxProperties properties, MeterRegistry meters) {
        this.database = database;
        this.transactions = transactions;
        this.producer = producer;
        this.properties = properties;
        this.published = Counter.builder("bzpeer.outbox.published")
                .description("Events published from the outbox and acknowledged by the broker").register(meters);
        Gauge.builder("bzpeer.outbox.backlog", () -> backlog)
                .description("Outbox rows seen waiting at the last poll").register(meters);
    }

    /** Asks the relay to publish now rather than at its next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    /** Publishes one batch of waiting events; returns how many were published. */
    public int publishBatch() {
        Integer count = transactions.transactional(lockBatch().flatMap(this::sendAndDelete)).block();
        return count == null ? 0 : count;
    }

    private Mono<List<OutboxRow>> lockBatch() {
        return database.sql("SELECT id, topic, event_key, payload FROM event_outbox ORDER BY id LIMIT :limit "
                        + "FOR UPDATE SKIP LOCKED")
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
        return Mono.fromCallable(() -> {
                    List<Future<?>> acks = new ArrayList<>(rows.size());
                    for (OutboxRow row : rows) {
                        acks.add(producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
                    }
                    for (Future<?> ack : acks) {
                        ack.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    }
                    return rows.stream().map(OutboxRow::id).toArray(Long[]::new);
                })
                .flatMap(ids -> database.sql("DELETE FROM event_outbox WHERE id = ANY(:ids)")
                        .bind("ids", ids).fetch().rowsUpdated())
                .map(deleted -> {
                    published.increment(rows.size());
                    return rows.size();
                });
    }

    private void run() {
        while (running) {
            try {
                int count = publishBatch();
                backlog = count;
                if (count < properties.batchSize()) {
                    awaitWakeUp(properties.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox publication failed, retrying in {}: {}", properties.retryDelay(), e.toString());
                try {
                    awaitWakeUp(properties.retryDelay());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
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
        worker = new Thread(this::run, "outbox-relay");
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
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static byte[] toBytes(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        java.nio.ByteBuffer buffer = (java.nio.ByteBuffer) payload;
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private record OutboxRow(Long id, String topic, String key, byte[] payload) {
    }
}
