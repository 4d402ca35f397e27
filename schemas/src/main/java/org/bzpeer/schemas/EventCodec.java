package org.bzpeer.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Encodes and decodes every BZPEER event in Avro single-object encoding (2-byte marker, 8-byte CRC-64-AVRO
 * fingerprint of the writer schema, binary body). Decoding picks the event type from the fingerprint, so one decoder
 * reads any topic, and it resolves data written with any kept version of a schema into the current class.
 * Thread-safe.
 */
public final class EventCodec {

    private static final String EVENTS_PACKAGE = "org.bzpeer.schemas.events.";
    private static final EventCodec INSTANCE = new EventCodec();

    private final Map<Long, BinaryMessageDecoder<SpecificRecord>> decodersByFingerprint = new HashMap<>();
    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encodersByType = new HashMap<>();

    private EventCodec() {
        trustEventClasses();
        for (Topic<?> topic : Topics.ALL) {
            register(topic.valueType());
        }
    }

    /** The shared codec for all event types named in {@link Topics}. */
    public static EventCodec instance() {
        return INSTANCE;
    }

    /** Encodes {@code event} with its current schema. */
    public byte[] encode(SpecificRecord event) {
        BinaryMessageEncoder<SpecificRecord> encoder = encodersByType.get(event.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException("Not a BZPEER event type: " + event.getClass().getName());
        }
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes bytes written by any kept version of any event schema into the current generated class.
     *
     * @throws UndecodableEventException when the bytes are not single-object encoded, or their schema is unknown,
     *                                   or the body does not match the schema
     */
    public SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new UndecodableEventException("not Avro single-object encoded (missing C3 01 marker)");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        BinaryMessageDecoder<SpecificRecord> decoder = decodersByFingerprint.get(fingerprint);
        if (decoder == null) {
            throw new UndecodableEventException(
                    "unknown writer schema fingerprint " + Long.toHexString(fingerprint));
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException("corrupt body: " + e.getMessage(), e);
        }
    }

    /** Decodes {@code bytes} and checks the result is a {@code type}. */
    public <V extends SpecificRecord> V decode(byte[] bytes, Class<V> type) {
        SpecificRecord event = decode(bytes);
        if (!type.isInstance(event)) {
            throw new UndecodableEventException(
                    "expected " + type.getSimpleName() + " but got " + event.getClass().getSimpleName());
        }
        return type.cast(event);
    }

    private void register(Class<? extends SpecificRecord> type) {
        Schema current = SchemaHistory.currentSchema(type);
        BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(SpecificData.get(), current);
        decodersByFingerprint.put(fingerprint(current), decoder);
        for (Schema kept : SchemaHistory.keptVersions(type)) {
            decoder.addSchema(kept);
            decodersByFingerprint.put(fingerprint(kept), decoder);
        }
        encodersByType.put(type, new BinaryMessageEncoder<>(SpecificData.get(), current));
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static void trustEventClasses() {
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                previous, type -> type.getName().startsWith(EVENTS_PACKAGE)));
    }
}
