package org.bzpeer.schemas;

import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic together with the type of its values. Keys are always the id of the aggregate the event is about
 * (a work id or an author id), as a UTF-8 string.
 *
 * @param name      the topic name on the broker
 * @param valueType the Avro class every value on the topic decodes to
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType) {
}
