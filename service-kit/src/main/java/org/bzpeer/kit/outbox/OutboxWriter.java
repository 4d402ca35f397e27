package org.bzpeer.kit.outbox;

import java.util.Base64;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topic;
import org.springframework.r2dbc.core.DatabaseClient;

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

    /** One event to record: its topic, Kafka key and value. */
    public record OutboundEvent<V extends SpecificRecord>(Topic<V> topic, String key, V value) {
    }

    /** Records {@code event} on {@code topic} with {@code key}, in the caller's transaction. */
    public <V extends SpecificRecord> Mono<Void> append(Topic<V> topic, String key, V event) {
        return appendAll(List.of(new OutboundEvent<>(topic, key, event)));
    }

    /**
     * Records all {@code events} with one statement, in the caller's transaction, keeping their order (the outbox
     * sequence follows the array order). Payloads travel as base64 text, decoded by PostgreSQL, because the driver
     * binds no bytea arrays.
     */
    public Mono<Void> appendAll(List<? extends OutboundEvent<?>> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return database.sql("""
                        INSERT INTO event_outbox (topic, event_key, payload)
                        SELECT e.topic, e.event_key, decode(e.payload, 'base64')
                        FROM unnest(CAST(:topics AS text[]), CAST(:keys AS text[]), CAST(:payloads AS text[]))
                             WITH ORDINALITY AS e(topic, event_key, payload, n)
                        ORDER BY e.n""")
                .bind("topics", events.stream().map(event -> event.topic().name()).toArray(String[]::new))
                .bind("keys", events.stream().map(OutboundEvent::key).toArray(String[]::new))
                .bind("payloads", events.stream()
                        .map(event -> base64.encodeToString(EventCodec.instance().encode(event.value())))
                        .toArray(String[]::new))
                .then();
    }
}
