package org.bzpeer.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for any BZPEER event written with any kept schema version. Throws
 * {@link UndecodableEventException} on bytes it cannot read, so the caller can dead-letter them.
 */
public class EventDeserializer implements Deserializer<SpecificRecord> {

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        return data == null ? null : EventCodec.instance().decode(data);
    }
}
