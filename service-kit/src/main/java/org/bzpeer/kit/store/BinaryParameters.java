package org.bzpeer.kit.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.reactivestreams.Publisher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecMetadata;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.codec.PostgresTypeIdentifier;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import reactor.core.publisher.Mono;

/**
 * Sends {@code bytea} ({@link ByteBuffer}) and {@code varchar[]} ({@code String[]}) parameters in PostgreSQL's binary
 * format, ahead of r2dbc-postgresql's own codecs, which send both as text whatever {@code forceBinary} says: every
 * byte as two hex digits, every array element quoted and escaped character by character (on the arXiv import 15% of
 * the CPU of ingest-service's database threads, and PostgreSQL parsing it all back). Binary {@code bytea} is the bytes
 * as they are; a binary array is a small header and each element's length and UTF-8 bytes. The types declared to
 * PostgreSQL are those the built-in codecs declare, so statements read as before. Only encoding changes: nulls of
 * these types and every value read still go through the built-in codecs. Registered for every connection through
 * {@code META-INF/services/io.r2dbc.postgresql.extension.Extension}.
 */
public final class BinaryParameters implements CodecRegistrar {

    @Override
    public Publisher<Void> register(PostgresqlConnection connection, ByteBufAllocator allocator,
            CodecRegistry registry) {
        registry.addFirst(new BinaryBytea());
        registry.addFirst(new BinaryVarcharArray(allocator));
        return Mono.empty();
    }

    /**
     * The part of {@link Codec} every encode-only codec here shares: it decodes nothing, nulls go to the defaults. Its
     * {@link CodecMetadata} names the Java type, so the driver's per-class cache of encoders picks it (the built-in
     * array codec would be cached for {@code String[]} otherwise), and no data type, so no decoder cache holds it.
     */
    private abstract static class EncodeOnly<T> implements Codec<T>, CodecMetadata {

        private final Class<T> type;

        EncodeOnly(Class<T> type) {
            this.type = type;
        }

        abstract EncodedParameter encodeValue(T value);

        @Override
        public Class<?> type() {
            return type;
        }

        @Override
        public Iterable<? extends PostgresTypeIdentifier> getDataTypes() {
            return List.of();
        }

        @Override
        public boolean canEncode(Object value) {
            return type.isInstance(value);
        }

        @Override
        public EncodedParameter encode(Object value) {
            return encodeValue(type.cast(value));
        }

        @Override
        public EncodedParameter encode(Object value, int dataType) {
            return encodeValue(type.cast(value));
        }

        @Override
        public boolean canDecode(int dataType, Format format, Class<?> target) {
            return false;
        }

        @Override
        public T decode(ByteBuf buffer, int dataType, Format format, Class<? extends T> target) {
            throw new UnsupportedOperationException("encodes only");
        }

        @Override
        public boolean canEncodeNull(Class<?> target) {
            return false;
        }

        @Override
        public EncodedParameter encodeNull() {
            throw new UnsupportedOperationException("nulls are encoded by the built-in codecs");
        }
    }

    /** {@code bytea} in binary format: the buffer's remaining bytes, wrapped, not copied. */
    private static final class BinaryBytea extends EncodeOnly<ByteBuffer> {

        BinaryBytea() {
            super(ByteBuffer.class);
        }

        @Override
        EncodedParameter encodeValue(ByteBuffer value) {
            ByteBuffer bytes = value.duplicate();
            return new EncodedParameter(Format.FORMAT_BINARY, PostgresqlObjectId.BYTEA.getObjectId(),
                    Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes.duplicate())));
        }
    }

    /**
     * {@code varchar[]} in binary format: one dimension, lower bound 1, each element as its length (-1 for null) and
     * UTF-8 bytes; an empty array has no dimension.
     */
    private static final class BinaryVarcharArray extends EncodeOnly<String[]> {

        private static final int HEADER_BYTES = 12;
        private static final int DIMENSION_BYTES = 8;
        private static final int NULL_LENGTH = -1;

        private final ByteBufAllocator allocator;

        BinaryVarcharArray(ByteBufAllocator allocator) {
            super(String[].class);
            this.allocator = allocator;
        }

        @Override
        EncodedParameter encodeValue(String[] value) {
            byte[][] elements = new byte[value.length][];
            int size = HEADER_BYTES + (value.length == 0 ? 0 : DIMENSION_BYTES);
            boolean hasNull = false;
            for (int i = 0; i < value.length; i++) {
                hasNull |= value[i] == null;
                elements[i] = value[i] == null ? null : value[i].getBytes(StandardCharsets.UTF_8);
                size += Integer.BYTES + (elements[i] == null ? 0 : elements[i].length);
            }
            int bytes = size;
            int flags = hasNull ? 1 : 0;
            return new EncodedParameter(Format.FORMAT_BINARY, PostgresqlObjectId.VARCHAR_ARRAY.getObjectId(),
                    Mono.fromSupplier(() -> {
                        ByteBuf buffer = allocator.buffer(bytes);
                        buffer.writeInt(elements.length == 0 ? 0 : 1);
                        buffer.writeInt(flags);
                        buffer.writeInt(PostgresqlObjectId.VARCHAR.getObjectId());
                        if (elements.length > 0) {
                            buffer.writeInt(elements.length);
                            buffer.writeInt(1);
                        }
                        for (byte[] element : elements) {
                            if (element == null) {
                                buffer.writeInt(NULL_LENGTH);
                            } else {
                                buffer.writeInt(element.length);
                                buffer.writeBytes(element);
                            }
                        }
                        return buffer;
                    }));
        }
    }
}
