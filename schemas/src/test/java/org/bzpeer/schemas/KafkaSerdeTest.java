package org.bzpeer.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.schemas.events.FollowDeleted;
import org.junit.jupiter.api.Test;

/** The Kafka serde other JVM clients use: the same bytes as the services' codec, and tombstones pass through. */
class KafkaSerdeTest {

    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();

    @Test
    void anEventSurvivesTheKafkaSerde() {
        FollowDeleted event = FollowDeleted.newBuilder().setEventId("e-2").setOccurredAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setAuthorId("a_1").setFollowerId("user-9").build();

        byte[] bytes = serializer.serialize(Topics.FOLLOW_DELETED.name(), event);
        SpecificRecord read = deserializer.deserialize(Topics.FOLLOW_DELETED.name(), bytes);

        assertThat(bytes).isEqualTo(EventCodec.instance().encode(event));
        assertThat(read).isEqualTo(event);
    }

    @Test
    void nullStaysNull() {
        assertThat(serializer.serialize("any", null)).isNull();
        assertThat(deserializer.deserialize("any", null)).isNull();
    }

    @Test
    void unreadableBytesRaiseTheReason() {
        assertThatThrownBy(() -> deserializer.deserialize("any", new byte[] {1, 2, 3}))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("marker");
    }
}
