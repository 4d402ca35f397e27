package org.bzpeer.bench.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the benchmark reads from the broker through Kafka's Admin API: end offsets of topics (how many events were
 * published) and the lag of every consumer group on every topic it consumes (whether everything published has been
 * processed). A group's topics are those it has committed offsets on or is assigned; a partition it never committed
 * on counts its whole end offset as lag.
 */
public final class KafkaWatch implements AutoCloseable {

    private final Admin admin;

    public KafkaWatch(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(properties);
    }

    /** The sum of the end offsets of each topic's partitions; 0 for a topic that does not exist (yet). */
    public Map<String, Long> publishedRecords(Collection<String> topics) throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        Map<String, Long> out = new HashMap<>();
        List<String> present = topics.stream().filter(existing::contains).toList();
        Map<TopicPartition, Long> ends = endOffsets(partitionsOf(present));
        for (String topic : topics) {
            out.put(topic, ends.entrySet().stream().filter(end -> end.getKey().topic().equals(topic))
                    .mapToLong(Map.Entry::getValue).sum());
        }
        return out;
    }

    /** The total lag of all consumer groups over all partitions of the topics each one consumes. */
    public long totalConsumerLag() throws ExecutionException, InterruptedException {
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .map(GroupListing::groupId).toList();
        if (groups.isEmpty()) {
            return 0;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream()
                .collect(Collectors.toMap(group -> group, group -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(specs).all().get();
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(groups).all().get();
        Map<String, Set<String>> topicsOfGroup = new HashMap<>();
        for (String group : groups) {
            Set<String> topics = new HashSet<>();
            committed.getOrDefault(group, Map.of()).keySet().forEach(partition -> topics.add(partition.topic()));
            descriptions.get(group).members().forEach(member ->
                    member.assignment().topicPartitions().forEach(partition -> topics.add(partition.topic())));
            topicsOfGroup.put(group, topics);
        }
        Set<String> allTopics = topicsOfGroup.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Map<TopicPartition, Long> ends = endOffsets(partitionsOf(allTopics));
        long lag = 0;
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group, Map.of());
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (topicsOfGroup.get(group).contains(end.getKey().topic())) {
                    OffsetAndMetadata position = offsets.get(end.getKey());
                    lag += Math.max(0, end.getValue() - (position == null ? 0 : position.offset()));
                }
            }
        }
        return lag;
    }

    /**
     * When each record of every dead-letter topic ({@code <topic>.dlq.<group>}) was written, as epoch milliseconds.
     */
    public List<Long> deadLetterTimestamps(String bootstrapServers) throws ExecutionException, InterruptedException {
        List<String> topics = admin.listTopics().names().get().stream().filter(topic -> topic.contains(".dlq."))
                .toList();
        Map<TopicPartition, Long> ends = endOffsets(partitionsOf(topics));
        List<Long> timestamps = new ArrayList<>();
        if (ends.values().stream().allMatch(end -> end == 0)) {
            return timestamps;
        }
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (timestamps.size() < ends.values().stream().mapToLong(Long::longValue).sum()
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> timestamps.add(record.timestamp()));
            }
        }
        return timestamps;
    }

    public int partitionCount(String topic) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    public void createTopic(String topic, int partitions) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    public void deleteTopic(String topic) throws ExecutionException, InterruptedException {
        admin.deleteTopics(List.of(topic)).all().get();
    }

    private Set<TopicPartition> partitionsOf(Collection<String> topics) throws ExecutionException, InterruptedException {
        if (topics.isEmpty()) {
            return Set.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
        Set<TopicPartition> out = new HashSet<>();
        descriptions.values().forEach(description -> description.partitions()
                .forEach(partition -> out.add(new TopicPartition(description.name(), partition.partition()))));
        return out;
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(latest).all().get();
        Map<TopicPartition, Long> out = new HashMap<>();
        result.forEach((partition, info) -> out.put(partition, info.offset()));
        return out;
    }

    @Override
    public void close() {
        admin.close();
    }
}
