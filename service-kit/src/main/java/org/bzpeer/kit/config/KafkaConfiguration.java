package org.bzpeer.kit.config;

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
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bzpeer.kit.health.KafkaHealthIndicator;
import org.bzpeer.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    @Bean
    Producer<String, byte[]> outboxProducer(KafkaSettings settings,
            @Value("${spring.application.name}") String applicationName) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin bzpeerKafkaAdmin) {
        return new KafkaHealthIndicator(bzpeerKafkaAdmin);
    }

    /** Creates every BZPEER topic that does not exist yet, so producers and consumers never race its creation. */
    @Bean
    ApplicationRunner bzpeerTopicsCreator(Admin bzpeerKafkaAdmin, KafkaSettings settings) {
        return arguments -> {
            List<NewTopic> topics = Topics.ALL.stream()
                    .map(topic -> new NewTopic(topic.name(), settings.partitions(), settings.replicationFactor()))
                    .toList();
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
}
