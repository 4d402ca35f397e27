package org.bzpeer.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for any BZPEER event, in Avro single-object encoding. */
public class EventSerializer implements Serializer<SpecificRecord> {

    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
        return event == null ? null : EventCodec.instance().encode(event);
    }
}
