package org.bzpeer.kit.messaging;

import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.UndecodableEventException;
import org.springframework.messaging.Message;

/**
 * Builds the function beans that consume BZPEER topics: each takes the record's bytes, decodes them with
 * {@link EventCodec} (any kept schema version) and hands the event to an application service. Bytes that no kept
 * schema reads raise {@link UndecodableEventException}, which the binder does not retry and dead-letters with the
 * reason in its {@code x-exception-message} header; a failing handler is retried, then dead-lettered.
 */
public final class EventConsumers {

    private EventConsumers() {
    }

    /** A consumer of {@code type} events that passes each to {@code handler}. */
    public static <V extends SpecificRecord> Consumer<Message<byte[]>> of(Class<V> type, Consumer<V> handler) {
        return message -> handler.accept(EventCodec.instance().decode(message.getPayload(), type));
    }
}
