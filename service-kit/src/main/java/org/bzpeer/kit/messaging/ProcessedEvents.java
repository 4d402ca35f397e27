package org.bzpeer.kit.messaging;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * The {@code processed_event} ledger: lets a consumer apply an event at most once. Call it inside the transaction
 * that applies the event, so the mark and the effect commit together.
 */
public class ProcessedEvents {

    private final DatabaseClient database;

    public ProcessedEvents(DatabaseClient database) {
        this.database = database;
    }

    /** Marks {@code eventId} as processed by {@code consumer}; emits true the first time, false on a redelivery. */
    public Mono<Boolean> markFirstDelivery(String consumer, String eventId) {
        return database.sql("INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :eventId) "
                        + "ON CONFLICT DO NOTHING")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }
}
