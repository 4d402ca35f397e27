package org.bzpeer.ingest.work.application;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.avro.io.BinaryData;

/**
 * A {@code work.imported} payload made from the work's content as stored and hashed (the event encoded with its
 * per-event fields blank: {@code eventId} empty, {@code occurredAt} 0, {@code version} 0) by writing those three fields
 * into it, so an event is Avro-encoded once, not once for its content and again for the outbox. The bytes are those
 * {@link org.bzpeer.schemas.EventCodec#encode} gives for the stamped event: the schema's first fields are
 * {@code eventId}, {@code occurredAt}, {@code workId}, {@code version} (StampedPayloadTest checks both), every other
 * field's bytes are copied as they are.
 */
final class StampedPayload {

    /** Avro single-object encoding: 2-byte marker and 8-byte schema fingerprint before the body. */
    private static final int HEADER_BYTES = 10;
    private static final int MAX_VARINT_BYTES = 10;

    private StampedPayload() {
    }

    /** {@code content} with {@code eventId}, {@code occurredAt} and {@code version} written into it. */
    static byte[] stamp(byte[] content, String eventId, Instant occurredAt, long version) {
        int workIdAt = HEADER_BYTES + 2;
        if (content.length <= workIdAt || content[HEADER_BYTES] != 0 || content[HEADER_BYTES + 1] != 0) {
            throw new IllegalArgumentException("not a work.imported content with blank per-event fields");
        }
        int position = workIdAt;
        long zigzag = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = content[position++];
            zigzag |= (long) (next & 0x7f) << shift;
            if (next >= 0) {
                break;
            }
        }
        int versionAt = position + (int) ((zigzag >>> 1) ^ -(zigzag & 1));
        if (content[versionAt] != 0) {
            throw new IllegalArgumentException("not a work.imported content with blank per-event fields");
        }
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        byte[] fields = new byte[3 * MAX_VARINT_BYTES + id.length];
        int length = BinaryData.encodeLong(id.length, fields, 0);
        System.arraycopy(id, 0, fields, length, id.length);
        length += id.length;
        length += BinaryData.encodeLong(occurredAt.toEpochMilli(), fields, length);
        int versionLength = BinaryData.encodeLong(version, fields, length);

        byte[] stamped = new byte[content.length - 3 + length + versionLength];
        System.arraycopy(content, 0, stamped, 0, HEADER_BYTES);
        System.arraycopy(fields, 0, stamped, HEADER_BYTES, length);
        int at = HEADER_BYTES + length;
        System.arraycopy(content, workIdAt, stamped, at, versionAt - workIdAt);
        at += versionAt - workIdAt;
        System.arraycopy(fields, length, stamped, at, versionLength);
        at += versionLength;
        System.arraycopy(content, versionAt + 1, stamped, at, content.length - versionAt - 1);
        return stamped;
    }
}
