package org.bzpeer.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.bzpeer.kit.store.ReadModelSnapshot;
import org.bzpeer.testkit.TestInfrastructure;

/**
 * What the running system still owes, seen from outside the services: records on the broker that a consumer group has
 * not processed yet (its committed offset is behind the end of a partition) and events a service has recorded in its
 * {@code event_outbox} but not published yet. Read models are final only once the system has {@link #settled()}.
 */
final class Backlog implements AutoCloseable {

    private final Admin admin;
    private final List<String> services;

    Backlog(String bootstrapServers, List<String> services) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
        this.services = services;
    }

    /**
     * True when nothing is left to do without new input. Reads the end of every partition, then requires that every
     * consumer group is stable and has committed up to those ends, that every outbox is empty, and finally that no
     * partition has grown meanwhile: so nothing was waiting to be consumed, nothing consumed could still write to an
     * outbox, and nothing in an outbox was published in between.
     */
    boolean settled() {
        Map<TopicPartition, Long> ends = endOffsets(partitions(topics()));
        if (unconsumedRecords(ends).values().stream().anyMatch(records -> records > 0)) {
            return false;
        }
        if (unpublishedEvents().values().stream().anyMatch(rows -> rows > 0)) {
            return false;
        }
        return endOffsets(ends.keySet()).equals(ends);
    }

    /** What is left to do, for a failure message: unconsumed records by group, unpublished events by service. */
    String describe() {
        return "records not consumed yet, by consumer group (-1: rebalancing): "
                + unconsumedRecords(endOffsets(partitions(topics()))) + "; events not published yet, by service: "
                + unpublishedEvents();
    }

    /**
     * Records each consumer group has not processed yet, counted against {@code ends} over the partitions it has
     * committed offsets for or is assigned; -1 while it rebalances.
     */
    private Map<String, Long> unconsumedRecords(Map<TopicPartition, Long> ends) {
        List<String> groups = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
                .map(GroupListing::groupId).toList();
        Map<String, ConsumerGroupDescription> descriptions = get(admin.describeConsumerGroups(groups).all());
        Map<String, Long> unconsumed = new TreeMap<>();
        for (String group : groups) {
            ConsumerGroupDescription description = descriptions.get(group);
            if (description.groupState() != GroupState.STABLE && description.groupState() != GroupState.EMPTY) {
                unconsumed.put(group, -1L);
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = get(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
            Set<TopicPartition> consumed = new HashSet<>(committed.keySet());
            for (MemberDescription member : description.members()) {
                consumed.addAll(member.assignment().topicPartitions());
            }
            long behind = 0;
            for (TopicPartition partition : consumed) {
                OffsetAndMetadata offset = committed.get(partition);
                long end = ends.getOrDefault(partition, 0L);
                behind += Math.max(0, end - (offset == null ? 0 : offset.offset()));
            }
            unconsumed.put(group, behind);
        }
        return unconsumed;
    }

    /**
     * Rows waiting in each service's {@code event_outbox}, plus the authors waiting in its {@code pending_*} queues for
     * a derivation (a graph summary, a trust assessment) that will write to the outbox.
     */
    private Map<String, Long> unpublishedEvents() {
        Map<String, Long> rows = new TreeMap<>();
        for (String service : services) {
            TestInfrastructure.DatabaseCoordinates database = TestInfrastructure.database(service);
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                    database.password());
                    Statement statement = connection.createStatement()) {
                long waiting = ReadModelSnapshot.pendingDerivations(database.jdbcUrl(), database.user(),
                        database.password());
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM event_outbox")) {
                    count.next();
                    waiting += count.getLong(1);
                }
                rows.put(service, waiting);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot count the outbox of " + service, e);
            }
        }
        return rows;
    }

    /** Records in each dead-letter topic ({@code <topic>.dlq.<group>}) that holds any. */
    Map<String, Long> deadLetters() {
        Set<String> deadLetterTopics = topics().stream().filter(topic -> topic.contains(".dlq."))
                .collect(Collectors.toSet());
        Map<String, Long> records = new TreeMap<>();
        endOffsets(partitions(deadLetterTopics)).forEach((partition, end) -> {
            if (end > 0) {
                records.merge(partition.topic(), end, Long::sum);
            }
        });
        return records;
    }

    /** The number of partitions of each of {@code topics}. */
    Map<String, Integer> partitionCounts(Collection<String> topics) {
        return get(admin.describeTopics(topics).allTopicNames()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().partitions().size(),
                        (first, second) -> first, TreeMap::new));
    }

    private Set<String> topics() {
        return get(admin.listTopics().names());
    }

    private Set<TopicPartition> partitions(Collection<String> topics) {
        if (topics.isEmpty()) {
            return Set.of();
        }
        Set<TopicPartition> partitions = new HashSet<>();
        get(admin.describeTopics(topics).allTopicNames()).forEach((topic, description) -> description.partitions()
                .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return get(admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()))).all())
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
