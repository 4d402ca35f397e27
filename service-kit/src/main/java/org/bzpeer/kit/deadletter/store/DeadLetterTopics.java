package org.bzpeer.kit.deadletter.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bzpeer.kit.config.KafkaSettings;
import org.bzpeer.kit.deadletter.model.DeadLetterPosition;
import org.bzpeer.kit.deadletter.model.DeadLetterRecord;
import org.bzpeer.schemas.Topics;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The dead-letter topics of this service's consumer group ({@code <topic>.dlq.<group>}) on the broker: read in
 * (topic, partition, offset) order, and republished to the topics they came from. Every broker call runs on a worker
 * thread, never on an I/O thread; each read uses a consumer of its own that belongs to no group, so reading moves
 * no offsets and the topics keep every dead letter.
 */
public class DeadLetterTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Admin admin;
    private final KafkaSettings settings;
    private final Producer<String, byte[]> producer;
    private final String suffix;

    public DeadLetterTopics(Admin admin, KafkaSettings settings, Producer<String, byte[]> producer,
            String consumerGroup) {
        this.admin = admin;
        this.settings = settings;
        this.producer = producer;
        this.suffix = Topics.deadLetterTopic("", consumerGroup);
    }

    /** The offsets of one partition of a dead-letter topic at the time of a {@link Snapshot}. */
    public record PartitionRange(String topic, int partition, long beginning, long end) {
    }

    /** What the dead-letter topics hold at one moment: dead letters that arrive later are not in it. */
    public record Snapshot(List<PartitionRange> ranges) {

        /** Whether {@code topic} is one of the service's dead-letter topics. */
        public boolean hasTopic(String topic) {
            return ranges.stream().anyMatch(range -> range.topic().equals(topic));
        }
    }

    /** The dead-letter topics of this service as they are now. */
    public Mono<Snapshot> snapshot() {
        return onWorker(() -> {
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                return snapshot(consumer);
            }
        });
    }

    /**
     * Up to {@code limit} dead letters of {@code snapshot} that come after {@code after} (null for the first page),
     * in (topic, partition, offset) order.
     */
    public Mono<List<DeadLetterRecord>> page(Snapshot snapshot, DeadLetterPosition after, int limit) {
        return onWorker(() -> {
            List<DeadLetterRecord> page = new ArrayList<>(limit);
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                for (PartitionRange range : snapshot.ranges()) {
                    long from = range.beginning();
                    if (after != null) {
                        int order = new DeadLetterPosition(range.topic(), range.partition(), 0)
                                .compareTo(new DeadLetterPosition(after.topic(), after.partition(), 0));
                        if (order < 0) {
                            continue;
                        }
                        if (order == 0) {
                            from = Math.max(from, after.offset() + 1);
                        }
                    }
                    read(consumer, range.topic(), range.partition(), from, range.end(), limit - page.size(), page);
                    if (page.size() >= limit) {
                        break;
                    }
                }
            }
            return page;
        });
    }

    /** The dead letter at {@code position}; empty when there is none (never was, or no longer kept). */
    public Mono<DeadLetterRecord> find(DeadLetterPosition position) {
        return onWorker(() -> {
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                PartitionRange range = snapshot(consumer).ranges().stream()
                        .filter(candidate -> candidate.topic().equals(position.topic())
                                && candidate.partition() == position.partition())
                        .findFirst().orElse(null);
                if (range == null || position.offset() < range.beginning() || position.offset() >= range.end()) {
                    return null;
                }
                List<DeadLetterRecord> found = new ArrayList<>(1);
                read(consumer, position.topic(), position.partition(), position.offset(), position.offset() + 1, 1,
                        found);
                return found.isEmpty() ? null : found.get(0);
            }
        });
    }

    /**
     * Sends {@code letter}'s key and value back to the topic it was consumed from, with header
     * {@value DeadLetterRecord#REPLAYED_FROM} naming the dead letter, and waits for the broker's acknowledgement;
     * returns where the record landed.
     */
    public Mono<DeadLetterPosition> republish(DeadLetterRecord letter) {
        return onWorker(() -> {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(letter.originalTopic(), letter.key(),
                    letter.value());
            record.headers().add(DeadLetterRecord.REPLAYED_FROM,
                    letter.position().toString().getBytes(StandardCharsets.UTF_8));
            RecordMetadata landed = producer.send(record).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new DeadLetterPosition(landed.topic(), landed.partition(), landed.offset());
        });
    }

    private Snapshot snapshot(KafkaConsumer<String, byte[]> consumer) throws ExecutionException,
            InterruptedException, TimeoutException {
        List<String> names = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(name -> name.endsWith(suffix)).sorted().toList();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String name : names) {
            consumer.partitionsFor(name, TIMEOUT)
                    .forEach(info -> partitions.add(new TopicPartition(name, info.partition())));
        }
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        return new Snapshot(partitions.stream()
                .map(partition -> new PartitionRange(partition.topic(), partition.partition(),
                        beginnings.get(partition), ends.get(partition)))
                .sorted(Comparator.comparing(PartitionRange::topic).thenComparingInt(PartitionRange::partition))
                .toList());
    }

    /** Adds to {@code into} up to {@code max} records of one partition, from offset {@code from} below {@code end}. */
    private static void read(KafkaConsumer<String, byte[]> consumer, String topic, int partition, long from,
            long end, int max, List<DeadLetterRecord> into) throws TimeoutException {
        if (from >= end || max <= 0) {
            return;
        }
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        consumer.assign(List.of(topicPartition));
        consumer.seek(topicPartition, from);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int taken = 0;
        while (taken < max && consumer.position(topicPartition, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Reading " + topicPartition + " from " + from + " took too long");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(topicPartition)) {
                if (record.offset() >= end || taken >= max) {
                    return;
                }
                into.add(toDeadLetter(record));
                taken++;
            }
        }
    }

    private static DeadLetterRecord toDeadLetter(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        headers.values().removeIf(value -> value == null);
        return new DeadLetterRecord(new DeadLetterPosition(record.topic(), record.partition(), record.offset()),
                record.key(), record.value() == null ? new byte[0] : record.value(), headers);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-dead-letters");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Runs a blocking broker call on a worker thread; a broker that fails is a {@link BrokerUnavailableException}. */
    private static <T> Mono<T> onWorker(Callable<T> call) {
        return Mono.fromCallable(() -> {
            try {
                return call.call();
            } catch (ExecutionException e) {
                throw new BrokerUnavailableException(e.getCause());
            } catch (TimeoutException | KafkaException e) {
                throw new BrokerUnavailableException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The broker did not answer or refused: the operation can be tried again later. */
    public static final class BrokerUnavailableException extends RuntimeException {

        BrokerUnavailableException(Throwable cause) {
            super("The broker did not complete the operation: " + cause.getMessage(), cause);
        }
    }
}
