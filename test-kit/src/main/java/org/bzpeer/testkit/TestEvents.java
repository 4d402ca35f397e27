package org.bzpeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topic;
import org.bzpeer.schemas.Topics;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** Publishes events or raw bytes to the test broker, as another service or a broken producer would. */
public final class TestEvents {

    private static Producer<String, byte[]> producer;

    private TestEvents() {
    }

    /** Publishes {@code event} with {@code key} on {@code topic} and waits for the broker's acknowledgement. */
    public static <V extends SpecificRecord> void publish(Topic<V> topic, String key, V event) {
        publishBytes(topic.name(), key, EventCodec.instance().encode(event));
    }

    /**
     * Publishes all {@code events} on {@code topic}, keyed by {@code key}, without waiting between them, then waits
     * until the broker has acknowledged every one: for bulk loads of real data.
     */
    public static synchronized <V extends SpecificRecord> void publishAll(Topic<V> topic, List<V> events,
            Function<V, String> key) {
        List<Future<?>> acks = new ArrayList<>(events.size());
        for (V event : events) {
            acks.add(producer().send(new ProducerRecord<>(topic.name(), key.apply(event),
                    EventCodec.instance().encode(event))));
        }
        try {
            for (Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish to " + topic.name(), e);
        }
    }

    /** Publishes raw {@code bytes}, e.g. to prove a consumer dead-letters what it cannot read. */
    public static synchronized void publishBytes(String topic, String key, byte[] bytes) {
        try {
            producer().send(new ProducerRecord<>(topic, key, bytes)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish to " + topic, e);
        }
    }

    /**
     * Publishes bytes no schema can read on {@code topic}, then {@code followUp} (e.g. a valid event), and checks that
     * {@code consumerGroup} parks the bytes on its dead-letter topic with the reason in {@code x-exception-message}.
     * The caller then asserts the follow-up was consumed: one bad record must not stop consumption.
     */
    public static void assertUndecodableIsDeadLettered(String topic, String consumerGroup, Runnable followUp) {
        String key = "undecodable-" + newEventId();
        try (TopicRecorder deadLetters = record(Topics.deadLetterTopic(topic, consumerGroup))) {
            publishBytes(topic, key, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
            followUp.run();
            ConsumerRecord<String, byte[]> parked = await().atMost(Duration.ofSeconds(60)).until(
                    () -> deadLetters.records().stream().filter(record -> key.equals(record.key())).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(TopicRecorder.header(parked, "x-exception-message")).contains("not Avro single-object encoded");
            assertThat(parked.value()).isEqualTo("{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code values} as the Kafka binder hands a polled batch to a batch consumer: the payloads in a list and each
     * header a list in the same order; partition 0, offsets from {@code firstOffset}, keys {@code key-<offset>}.
     */
    public static Message<List<byte[]>> polledBatch(String topic, long firstOffset, List<byte[]> values) {
        List<Long> offsets = LongStream.range(firstOffset, firstOffset + values.size()).boxed().toList();
        return MessageBuilder.withPayload(values)
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, offsets.stream().map(offset -> topic).toList())
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, offsets.stream().map(offset -> 0).toList())
                .setHeader(KafkaHeaders.OFFSET, offsets)
                .setHeader(KafkaHeaders.RECEIVED_KEY, offsets.stream()
                        .map(offset -> ("key-" + offset).getBytes(StandardCharsets.UTF_8)).toList())
                .build();
    }

    /** Starts recording {@code topic} from its current end; see {@link TopicRecorder}. */
    public static TopicRecorder record(String topic) {
        return new TopicRecorder(TestInfrastructure.kafkaBootstrapServers(), topic);
    }

    /** A fresh event id. */
    public static String newEventId() {
        return UUID.randomUUID().toString();
    }

    private static Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024),
                    new StringSerializer(), new ByteArraySerializer());
            Producer<String, byte[]> created = producer;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> created.close(Duration.ofSeconds(2))));
        }
        return producer;
    }
}
