package org.bzpeer.kit.outbox;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.kit.store.ValueRows;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topic;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records events to publish in the {@code event_outbox} table. Call it inside the transaction that makes the state
 * change the events describe: both commit together or not at all, and {@link OutboxRelay} publishes them after the
 * commit. Never a dual write.
 */
public class OutboxWriter {

    private final DatabaseClient database;

    public OutboxWriter(DatabaseClient database) {
        this.database = database;
    }

    /**
     * One event to record: its topic, Kafka key and value, and the value encoded ({@link EventCodec}) when the caller
     * has it already, or null to have it encoded here.
     */
    public record OutboundEvent<V extends SpecificRecord>(Topic<V> topic, String key, V value, byte[] payload) {

        /** An event to encode when it is recorded. */
        public OutboundEvent(Topic<V> topic, String key, V value) {
            this(topic, key, value, null);
        }

        byte[] encoded() {
            return payload != null ? payload : EventCodec.instance().encode(value);
        }
    }

    /** Records {@code event} on {@code topic} with {@code key}, in the caller's transaction. */
    public <V extends SpecificRecord> Mono<Void> append(Topic<V> topic, String key, V event) {
        return appendAll(List.of(new OutboundEvent<>(topic, key, event)));
    }

    /**
     * Records all {@code events} in the caller's transaction, keeping their order: one multi-row {@code VALUES}
     * statement per {@link ValueRows#chunks chunk}, whose rows PostgreSQL inserts, and numbers, in the order listed.
     * Payloads are bound as binary parameters, as they are; an event's own payload is taken as it is.
     */
    public Mono<Void> appendAll(List<? extends OutboundEvent<?>> events) {
        List<Object[]> rows = events.stream().map(event -> new Object[] {event.topic().name(), event.key(),
                ByteBuffer.wrap(event.encoded())}).toList();
        return Flux.fromIterable(ValueRows.chunks(rows))
                .concatMap(chunk -> database.sql("INSERT INTO event_outbox (topic, event_key, payload) VALUES :rows")
                        .bind("rows", chunk)
                        .fetch().rowsUpdated())
                .then();
    }
}
