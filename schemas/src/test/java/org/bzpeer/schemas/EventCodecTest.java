package org.bzpeer.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Venue;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private final EventCodec codec = EventCodec.instance();

    @Test
    void workImportedSurvivesTheWireUnchanged() {
        WorkImported work = WorkImported.newBuilder()
                .setEventId("7d4a1f0e-8f1c-4c1e-9d7b-2f8a3c1b5e6d")
                .setOccurredAt(Instant.parse("2026-11-26T10:15:30Z"))
                .setWorkId("W-1")
                .setVersion(3)
                .setSource("openalex")
                .setIdentifiers(WorkIdentifiers.newBuilder().setDoi("10.1016/j.rser.2024.114646")
                        .setOpenalexId("W4399880781").setOther(Map.of("mag", "123")).build())
                .setType("article")
                .setPublicationYear(2024)
                .setPublicationDate("2024-06-21")
                .setVenue(Venue.newBuilder().setName("Renewable and Sustainable Energy Reviews").build())
                .setTitle("Review of Carbon dioxide utilization")
                .setAuthorships(List.of(Authorship.newBuilder().setPosition(0).setAuthorId("A-1")
                        .setDisplayName("Yu\u2010Shu Wu").setOrcid("0000-0002-1031-4500")
                        .setExternalIds(Map.of("openalex", "A5047861147"))
                        .setInstitutions(List.of(Institution.newBuilder().setName("Colorado School of Mines")
                                .setId("openalex:I167576493").build()))
                        .build()))
                .build();

        WorkImported decoded = codec.decode(codec.encode(work), WorkImported.class);

        assertThat(decoded).isEqualTo(work);
        assertThat(decoded.getAuthorships().get(0).getDisplayName()).isEqualTo("Yu\u2010Shu Wu");
    }

    @Test
    void singleObjectEncodingCarriesTheMarkerAndTheSchemaFingerprint() {
        byte[] bytes = codec.encode(follow());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(
                org.apache.avro.SchemaNormalization.parsingFingerprint64(FollowCreated.getClassSchema()));
    }

    static Stream<Object[]> keptVersions() {
        List<Object[]> cases = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            List<Schema> kept = SchemaHistory.keptVersions(topic.valueType());
            for (int i = 0; i < kept.size(); i++) {
                cases.add(new Object[] {topic.valueType().getSimpleName() + " v" + (i + 1), topic, kept.get(i)});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keptVersions")
    void readsDataWrittenWithEveryKeptVersion(String name, Topic<?> topic, Schema keptSchema) throws Exception {
        GenericRecord written = (GenericRecord) sampleValue(keptSchema);
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), keptSchema).encode(written);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        SpecificRecord read = codec.decode(bytes);

        assertThat(read).isInstanceOf(topic.valueType());
        for (Schema.Field field : keptSchema.getFields()) {
            if (field.schema().getType() == Schema.Type.STRING) {
                assertThat(read.get(read.getSchema().getField(field.name()).pos()))
                        .as(field.name()).isEqualTo(written.get(field.name()));
            }
        }
    }

    @Test
    void rejectsBytesWithoutTheMarker() {
        assertThatThrownBy(() -> codec.decode("{\"json\":true}".getBytes()))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("marker");
    }

    @Test
    void rejectsAnUnknownWriterSchema() {
        byte[] bytes = codec.encode(follow());
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("unknown writer schema");
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] bytes = codec.encode(follow());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 5);

        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void rejectsAnEventOfAnotherTypeThanExpected() {
        byte[] bytes = codec.encode(follow());

        assertThatThrownBy(() -> codec.decode(bytes, WorkImported.class))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("expected WorkImported but got FollowCreated");
    }

    private static FollowCreated follow() {
        return FollowCreated.newBuilder().setEventId("e-1").setOccurredAt(Instant.EPOCH)
                .setAuthorId("A-1").setFollowerId("user-1").build();
    }

    /** A value of {@code schema} with every field filled: strings carry their field name, so reads can be checked. */
    private static Object sampleValue(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    Object value = sampleValue(field.schema());
                    record.put(field.name(), value instanceof String ? field.name() + "-value" : value);
                }
                yield record;
            }
            case UNION -> sampleValue(schema.getTypes().get(schema.getTypes().size() - 1));
            case ARRAY -> List.of(sampleValue(schema.getElementType()));
            case MAP -> new HashMap<>(Map.of("k", sampleValue(schema.getValueType())));
            case STRING -> "text";
            case INT -> 7;
            case LONG -> 7L;
            case DOUBLE -> 0.5d;
            case FLOAT -> 0.5f;
            case BOOLEAN -> true;
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case NULL -> null;
            default -> throw new IllegalArgumentException("no sample for " + schema);
        };
    }
}
