package org.bzpeer.schemas;

import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic together with the type of its values. Keys are always the id of the aggregate the event is about
 * (a work id or an author id), as a UTF-8 string.
 *
 * @param name      the topic name on the broker
 * @param valueType the Avro class every value on the topic decodes to
 * @param retention what the broker must keep so that a read model can be rebuilt by replaying the topic
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, Retention retention) {

    /** What a topic keeps. */
    public enum Retention {
        /** Each event supersedes the earlier ones of its key (a new version, a newer revision): log compaction. */
        LATEST_PER_KEY,
        /** Every event counts (several followers per author key): kept for ever. */
        EVERY_EVENT
    }
}
