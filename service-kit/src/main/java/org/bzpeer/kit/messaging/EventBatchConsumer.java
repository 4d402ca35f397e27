package org.bzpeer.kit.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.kit.messaging.DeadLetters.DeadLetter;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.UndecodableEventException;
import org.springframework.messaging.Message;

import reactor.core.publisher.Mono;

/**
 * Consumes one poll of a topic at a time: decodes every record with {@link EventCodec} (any kept schema version) and
 * hands the decoded events to {@code applyBatch}, which applies them together in one transaction. When that fails:
 * <ul>
 * <li>a {@linkplain TransientFailures transient} failure (database or broker down, deadlock, timeout) is thrown to
 * the listener container, which pauses, backs off and redelivers the same batch for as long as the failure lasts;
 * nothing is dead-lettered;</li>
 * <li>any other failure splits the batch in halves, applied separately, down to the single records that fail alone:
 * only those are dead-lettered, every other record is applied.</li>
 * </ul>
 * Undecodable records are dead-lettered too. Dead letters are published (and acknowledged) after the good records
 * were applied and before the consumer's offsets move past them. {@code applyBatch} must be idempotent, since a
 * redelivered batch is applied again.
 */
public final class EventBatchConsumer<V extends SpecificRecord> implements Consumer<Message<List<byte[]>>> {

    private final Class<V> type;
    private final Function<List<V>, Mono<?>> applyBatch;
    private final DeadLetters deadLetters;
    private final ConsumerHealth health;

    EventBatchConsumer(Class<V> type, Function<List<V>, Mono<?>> applyBatch, DeadLetters deadLetters,
            ConsumerHealth health) {
        this.type = type;
        this.applyBatch = applyBatch;
        this.deadLetters = deadLetters;
        this.health = health;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        List<DeadLetter> letters = new ArrayList<>();
        List<Decoded<V>> events = new ArrayList<>();
        for (ReceivedRecord record : ReceivedRecord.of(batch)) {
            try {
                events.add(new Decoded<>(record, EventCodec.instance().decode(record.value(), type)));
            } catch (UndecodableEventException e) {
                letters.add(new DeadLetter(record, e));
            }
        }
        try {
            applyIsolatingFailures(events, letters);
            deadLetters.publish(letters);
            health.recovered(type.getSimpleName());
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                health.failing(type.getSimpleName(), e);
            }
            throw e;
        }
    }

    private void applyIsolatingFailures(List<Decoded<V>> events, List<DeadLetter> letters) {
        if (events.isEmpty()) {
            return;
        }
        try {
            applyBatch.apply(events.stream().map(Decoded::event).toList()).block();
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e;
            }
            if (events.size() == 1) {
                letters.add(new DeadLetter(events.get(0).record(), e));
                return;
            }
            int half = events.size() / 2;
            applyIsolatingFailures(events.subList(0, half), letters);
            applyIsolatingFailures(events.subList(half, events.size()), letters);
        }
    }

    private record Decoded<V>(ReceivedRecord record, V event) {
    }
}
