package org.bzpeer.kit.outbox.model;

import java.time.Instant;

/**
 * An outbox row the broker could not take, waiting for ops to retry or drop it.
 *
 * @param id        the row's id: its place in the outbox's publication order
 * @param topic     where the event was to be published
 * @param key       its Kafka key (the aggregate id)
 * @param sizeBytes size of the encoded event
 * @param reason    why the broker refused it
 * @param createdAt when the event was recorded
 * @param parkedAt  when the relay parked it
 */
public record ParkedRow(long id, String topic, String key, int sizeBytes, String reason, Instant createdAt,
        Instant parkedAt) {
}
