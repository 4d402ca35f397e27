package org.bzpeer.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.testkit.TestEvents;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.messaging.Message;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

/**
 * A polled batch through {@link EventBatchConsumer}, dead letters on the real broker: a poison record is isolated and
 * parked alone while the rest is applied, undecodable bytes are parked, and a transient failure is thrown back for
 * redelivery with nothing parked.
 */
class EventBatchConsumerTest {

    private static final String TOPIC = "follow.created";
    private static final String GROUP = "batch-consumer-test";

    private final Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsumerHealth health = new ConsumerHealth();
    private final EventConsumers consumers = new EventConsumers(new DeadLetters(producer, GROUP, meters), health);

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void aPoisonRecordIsIsolatedAndParkedAloneWhileEveryOtherRecordIsApplied() {
        List<FollowCreated> follows = IntStream.range(0, 37).mapToObj(i -> follow("author-" + i)).toList();
        List<String> applied = new CopyOnWriteArrayList<>();
        Consumer<Message<List<byte[]>>> consumer = consumers.of(FollowCreated.class, batch -> {
            if (batch.stream().anyMatch(follow -> follow.getAuthorId().equals("author-23"))) {
                return Mono.error(new IllegalArgumentException("author-23 violates an invariant"));
            }
            batch.forEach(follow -> applied.add(follow.getAuthorId()));
            return Mono.empty();
        });
        List<byte[]> values = new ArrayList<>(follows.stream().map(EventCodec.instance()::encode).toList());
        values.add(30, "garbage".getBytes(StandardCharsets.UTF_8));

        try (TopicRecorder deadLetters = TestEvents.record(Topics.deadLetterTopic(TOPIC, GROUP))) {
            consumer.accept(TestEvents.polledBatch(TOPIC, 1000, values));

            assertThat(applied).containsExactlyElementsOf(follows.stream().map(FollowCreated::getAuthorId)
                    .filter(id -> !id.equals("author-23")).toList());
            List<ConsumerRecord<String, byte[]>> parked = await().atMost(Duration.ofSeconds(30))
                    .until(deadLetters::records, records -> records.size() == 2);
            ConsumerRecord<String, byte[]> poison = parked.stream()
                    .filter(record -> TopicRecorder.header(record, DeadLetters.SOURCE_OFFSET).equals("1023"))
                    .findFirst().orElseThrow();
            assertThat(poison.key()).isEqualTo("key-1023");
            assertThat(TopicRecorder.header(poison, DeadLetters.REASON)).isEqualTo("author-23 violates an invariant");
            assertThat(TopicRecorder.header(poison, DeadLetters.EXCEPTION))
                    .isEqualTo(IllegalArgumentException.class.getName());
            assertThat(TopicRecorder.header(poison, DeadLetters.SOURCE_TOPIC)).isEqualTo(TOPIC);
            assertThat(TopicRecorder.header(poison, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(Instant.parse(TopicRecorder.header(poison, DeadLetters.DEAD_LETTERED_AT)))
                    .isBefore(Instant.now().plusSeconds(1));
            ConsumerRecord<String, byte[]> garbage = parked.stream()
                    .filter(record -> TopicRecorder.header(record, DeadLetters.SOURCE_OFFSET).equals("1030"))
                    .findFirst().orElseThrow();
            assertThat(garbage.value()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
            assertThat(TopicRecorder.header(garbage, DeadLetters.REASON)).contains("not Avro single-object encoded");
            assertThat(meters.counter("bzpeer.consumer.dead.letters", "topic", TOPIC).count()).isEqualTo(2);
        }
    }

    @Test
    void aTransientFailureIsThrownBackForRedeliveryParkingNothingAndReadinessIsDownMeanwhile() {
        List<byte[]> values = List.of(EventCodec.instance().encode(follow("author-1")));
        List<String> applied = new ArrayList<>();
        boolean[] databaseUp = {false};
        Consumer<Message<List<byte[]>>> consumer = consumers.of(FollowCreated.class, batch -> {
            if (!databaseUp[0]) {
                return Mono.error(new DataAccessResourceFailureException("Connection refused"));
            }
            batch.forEach(follow -> applied.add(follow.getAuthorId()));
            return Mono.empty();
        });

        assertThatThrownBy(() -> consumer.accept(TestEvents.polledBatch(TOPIC, 0, values)))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(health.health(false).getStatus()).isEqualTo(Status.DOWN);
        assertThat(meters.find("bzpeer.consumer.dead.letters").counter()).isNull();

        databaseUp[0] = true;
        consumer.accept(TestEvents.polledBatch(TOPIC, 0, values));
        assertThat(applied).containsExactly("author-1");
        assertThat(health.health(false).getStatus()).isEqualTo(Status.UP);
    }

    private static FollowCreated follow(String authorId) {
        return FollowCreated.newBuilder().setEventId(TestEvents.newEventId()).setOccurredAt(Instant.now())
                .setAuthorId(authorId).setFollowerId("u_1").build();
    }
}
