package org.bzpeer.kit.deadletter.model;

import java.time.Instant;
import java.util.Map;

/**
 * A record of a dead-letter topic as the consumer parked it: the original key and value, and the headers that say
 * why and where from ({@code x-exception-message}, {@code x-exception-class}, {@code x-original-topic},
 * {@code x-original-partition}, {@code x-original-offset}, {@code x-dead-lettered-at}).
 *
 * @param position where the dead letter is
 * @param key      the original record's key
 * @param value    the original record's value, as it arrived
 * @param headers  every header, as UTF-8 text, in record order (the last value of a repeated header)
 */
public record DeadLetterRecord(DeadLetterPosition position, String key, byte[] value, Map<String, String> headers) {

    public static final String REASON = "x-exception-message";
    public static final String EXCEPTION = "x-exception-class";
    public static final String SOURCE_TOPIC = "x-original-topic";
    public static final String SOURCE_PARTITION = "x-original-partition";
    public static final String SOURCE_OFFSET = "x-original-offset";
    public static final String DEAD_LETTERED_AT = "x-dead-lettered-at";
    /** Set on a replayed record: the dead letter it was replayed from, as {@code topic-partition@offset}. */
    public static final String REPLAYED_FROM = "x-replayed-from";

    public DeadLetterRecord {
        headers = Map.copyOf(headers);
    }

    /** The topic the record was consumed from, where a replay sends it back; null if the header is missing. */
    public String originalTopic() {
        return headers.get(SOURCE_TOPIC);
    }

    /** The partition it was consumed from, or null. */
    public Integer originalPartition() {
        String partition = headers.get(SOURCE_PARTITION);
        return partition == null ? null : Integer.valueOf(partition);
    }

    /** The offset it had there, or null. */
    public Long originalOffset() {
        String offset = headers.get(SOURCE_OFFSET);
        return offset == null ? null : Long.valueOf(offset);
    }

    public String exceptionClass() {
        return headers.get(EXCEPTION);
    }

    public String exceptionMessage() {
        return headers.get(REASON);
    }

    /** When it was dead-lettered, or null. */
    public Instant deadLetteredAt() {
        String at = headers.get(DEAD_LETTERED_AT);
        return at == null ? null : Instant.parse(at);
    }
}
