package org.bzpeer.kit.messaging;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.messaging.Message;

import reactor.core.publisher.Mono;

/**
 * Builds the function beans that consume BZPEER topics, one poll at a time: see {@link EventBatchConsumer} for how
 * a batch is decoded, applied, retried and, record by record, dead-lettered.
 */
public class EventConsumers {

    private final DeadLetters deadLetters;
    private final ConsumerHealth health;

    public EventConsumers(DeadLetters deadLetters, ConsumerHealth health) {
        this.deadLetters = deadLetters;
        this.health = health;
    }

    /**
     * A consumer of {@code type} events that passes each polled batch to {@code applyBatch}, which must apply the
     * whole list in one transaction, idempotently.
     */
    public <V extends SpecificRecord> Consumer<Message<List<byte[]>>> of(Class<V> type,
            Function<List<V>, Mono<?>> applyBatch) {
        return new EventBatchConsumer<>(type, applyBatch, deadLetters, health);
    }
}
