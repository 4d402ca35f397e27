package org.bzpeer.kit.verify;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bzpeer.kit.store.ReadModelSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Verification mode: this instance replays every topic it consumes from the beginning (a consumer group of its own)
 * into a fresh database, publishing nothing; once it has caught up and derived everything pending, it compares its
 * read model with the live one ({@link ReadModelSnapshot}), prints one line per difference and a summary, and exits:
 * 0 when the live read model equals a rebuild from scratch, 1 otherwise. Started by
 * {@code deploy/local/verify-read-models}.
 */
public class RebuildVerification implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildVerification.class);
    private static final int MAX_PRINTED_DIFFERENCES = 50;

    private final VerificationSettings settings;
    private final Admin admin;
    private final String consumerGroup;
    private final Collection<String> topics;
    private final ConfigurableApplicationContext context;

    public RebuildVerification(VerificationSettings settings, Admin admin, String consumerGroup,
            Collection<String> topics, ConfigurableApplicationContext context) {
        this.settings = settings;
        this.admin = admin;
        this.consumerGroup = consumerGroup;
        this.topics = topics;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        long started = System.nanoTime();
        awaitCaughtUp();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, List<String>> live = ReadModelSnapshot.take(settings.liveJdbcUrl(), settings.user(),
                settings.password(), settings.sourceTables());
        Map<String, List<String>> rebuilt = ReadModelSnapshot.take(settings.rebuildJdbcUrl(), settings.user(),
                settings.password(), settings.sourceTables());
        List<String> differences = ReadModelSnapshot.differences(live, rebuilt);
        differences.stream().limit(MAX_PRINTED_DIFFERENCES).forEach(line -> System.out.println("difference " + line));
        long rows = live.values().stream().mapToLong(List::size).sum();
        System.out.printf("verify %s: rebuilt from %s in %.1f s; %d differences over %d tables and %d live rows%n",
                consumerGroup, topics, seconds, differences.size(), live.size(), rows);
        int exitCode = differences.isEmpty() ? 0 : 1;
        System.exit(SpringApplication.exit(context, () -> exitCode));
    }

    /** Waits until the group has consumed every topic to its end and no derivation is pending, twice in a row. */
    private void awaitCaughtUp() throws Exception {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        int quietChecks = 0;
        while (quietChecks < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Rebuild did not catch up within " + settings.timeout());
            }
            Thread.sleep(Duration.ofSeconds(1).toMillis());
            long lag = lag();
            long pending = pendingDerivations();
            log.info("Rebuild of {}: {} records to consume, {} derivations pending", consumerGroup, lag, pending);
            quietChecks = lag == 0 && pending == 0 ? quietChecks + 1 : 0;
        }
    }

    private long lag() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        Set<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                .all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(consumerGroup)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return ends.entrySet().stream().mapToLong(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return end.getValue() - (offset == null ? 0 : offset.offset());
        }).sum();
    }

    private long pendingDerivations() {
        return ReadModelSnapshot.pendingDerivations(settings.rebuildJdbcUrl(), settings.user(), settings.password());
    }
}
