package org.bzpeer.kit.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bzpeer.kit.health.KafkaHealthIndicator;
import org.bzpeer.schemas.Topic;
import org.bzpeer.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Kafka clients every service shares: an admin client (topic creation, health) and the producer the outbox
 * relay publishes with (acks=all, idempotent, so an acknowledged event is on every in-sync replica exactly once).
 */
@AutoConfiguration
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    @Bean(destroyMethod = "close")
    Admin bzpeerKafkaAdmin(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(config);
    }

    /** Largest batch of records the outbox producer sends to one partition at once. */
    static final int BATCH_BYTES = 256 * 1024;

    /**
     * The producer of the outbox relay and of dead letters: acks=all and idempotent, so an acknowledged record is on
     * every in-sync replica exactly once; lz4-compressed, and large enough for a work with thousands of authors.
     * Batches of up to {@value #BATCH_BYTES} bytes: at the default 16 KiB a batch held four works with abstracts, and
     * opening a compressed batch (lz4 allocates and clears two 64 KiB buffers) took ~6% of a bulk import's CPU.
     */
    @Bean
    Producer<String, byte[]> outboxProducer(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-outbox");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxMessageBytes());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin bzpeerKafkaAdmin) {
        return new KafkaHealthIndicator(bzpeerKafkaAdmin);
    }

    /**
     * Creates every BZPEER topic that does not exist yet, with its retention and size settings, and the dead-letter
     * topic of each topic this service consumes ({@code <topic>.dlq.<spring.application.name>}, one partition, kept
     * for ever so that ops can replay a dead letter however late), once all beans exist and before any binding
     * starts, so producers and consumers never race its creation. Off with {@code bzpeer.kafka.create-topics=false}
     * where something else owns the topics (the Strimzi topic operator on Kubernetes, whose ACLs give a service no
     * right to create topics).
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "bzpeer.kafka.create-topics", matchIfMissing = true)
    SmartInitializingSingleton bzpeerTopicsCreator(Admin bzpeerKafkaAdmin, KafkaSettings settings,
            ObjectProvider<BindingServiceProperties> bindings,
            @Value("${spring.application.name}") String consumerGroup) {
        return () -> {
            List<NewTopic> topics = new ArrayList<>();
            Topics.ALL.forEach(topic -> topics.add(
                    new NewTopic(topic.name(), settings.partitions(), settings.replicationFactor())
                            .configs(topicConfig(topic, settings))));
            consumedTopics(bindings.getIfAvailable()).forEach(consumed -> topics.add(
                    new NewTopic(Topics.deadLetterTopic(consumed, consumerGroup), 1, settings.replicationFactor())
                            .configs(deadLetterTopicConfig(settings))));
            bzpeerKafkaAdmin.createTopics(topics).values().forEach((name, creation) -> {
                try {
                    creation.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("Cannot create topic " + name, e);
                }
            });
            log.info("Topics ready: {}", topics.stream().map(NewTopic::name).toList());
        };
    }

    /** The destinations of the service's input bindings ({@code <function>-in-<n>}). */
    private static List<String> consumedTopics(BindingServiceProperties bindings) {
        if (bindings == null) {
            return List.of();
        }
        return bindings.getBindings().entrySet().stream()
                .filter(binding -> binding.getKey().matches(".*-in-\\d+")
                        && binding.getValue().getDestination() != null)
                .map(binding -> binding.getValue().getDestination())
                .distinct().sorted().toList();
    }

    /** Dead letters are kept until ops delete them, and take whatever their original topic took. */
    static Map<String, String> deadLetterTopicConfig(KafkaSettings settings) {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(settings.maxMessageBytes()),
                TopicConfig.RETENTION_MS_CONFIG, "-1");
    }

    /**
     * What the broker keeps of {@code topic} and the largest record it takes: topics where a newer event supersedes
     * the older ones of its key are compacted, the others keep every event, so a read model can always be rebuilt.
     */
    static Map<String, String> topicConfig(Topic<?> topic, KafkaSettings settings) {
        Map<String, String> config = new HashMap<>();
        config.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(settings.maxMessageBytes()));
        if (topic.retention() == Topic.Retention.LATEST_PER_KEY) {
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            config.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        }
        return config;
    }
}
