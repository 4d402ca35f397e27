package org.bzpeer.kit.outbox;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topic;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.spi.Statement;
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

    /** One event to record: its topic, Kafka key and value. */
    public record OutboundEvent<V extends SpecificRecord>(Topic<V> topic, String key, V value) {
    }

    /** Records {@code event} on {@code topic} with {@code key}, in the caller's transaction. */
    public <V extends SpecificRecord> Mono<Void> append(Topic<V> topic, String key, V event) {
        return appendAll(List.of(new OutboundEvent<>(topic, key, event)));
    }

    /** Records all {@code events} in one round trip, in the caller's transaction, keeping their order. */
    public Mono<Void> appendAll(List<? extends OutboundEvent<?>> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        return database.inConnectionMany(connection -> {
            Statement insert = connection.createStatement(
                    "INSERT INTO event_outbox (topic, event_key, payload) VALUES ($1, $2, $3)");
            for (int i = 0; i < events.size(); i++) {
                OutboundEvent<?> event = events.get(i);
                if (i > 0) {
                    insert.add();
                }
                insert.bind(0, event.topic().name())
                        .bind(1, event.key())
                        .bind(2, EventCodec.instance().encode(event.value()));
            }
            return Flux.from(insert.execute()).flatMap(result -> result.getRowsUpdated());
        }).then();
    }
}
