package org.bzpeer.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.bzpeer.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Kafka client settings for a real cluster (SASL/SCRAM over TLS) come from the environment once and reach every
 * client: the binder through {@link ServiceDefaults}, the outbox producer and admin client through
 * {@link KafkaSettings#clientProperties()}.
 */
class KafkaClientSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"graph-service\" password=\"secret\";";

    @Test
    void securitySettingsFromTheEnvironmentReachTheBinderAndEveryOtherClient() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("environment", Map.of(
                "spring.application.name", "graph-service",
                "bzpeer.service-name", "graph",
                "BZPEER_KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka:9093,kafka-1.kafka:9093",
                "BZPEER_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "BZPEER_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "BZPEER_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "BZPEER_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
                "BZPEER_KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit")));

        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

        String binder = "spring.cloud.stream.kafka.binder.";
        assertThat(environment.getProperty(binder + "brokers")).isEqualTo("kafka-0.kafka:9093,kafka-1.kafka:9093");
        assertThat(environment.getProperty(binder + "configuration.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(environment.getProperty(binder + "configuration.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(environment.getProperty(binder + "configuration.sasl.jaas.config")).isEqualTo(JAAS);
        assertThat(environment.getProperty(binder + "configuration.ssl.truststore.location"))
                .isEqualTo("/etc/kafka/ca.p12");
        assertThat(environment.getProperty(binder + "configuration.client.id")).isEqualTo("graph-service");
        assertThat(environment.getProperty(binder + "min-partition-count")).isEqualTo("12");

        KafkaSettings settings = Binder.get(environment)
                .bind("bzpeer.kafka", KafkaSettings.class).get();
        assertThat(settings.clientProperties())
                .containsEntry("bootstrap.servers", "kafka-0.kafka:9093,kafka-1.kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "changeit");
        assertThat(settings.maxMessageBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void topicsKeepWhatARebuildNeedsAndTakeLargeRecords() {
        KafkaSettings settings = new KafkaSettings("localhost:9092", "test", 12, (short) 3,
                DataSize.ofMegabytes(16), "PLAINTEXT", null, null, null, null, "PKCS12",
                Map.of());
        assertThat(KafkaConfiguration.topicConfig(Topics.WORK_IMPORTED, settings))
                .containsEntry("cleanup.policy", "compact").containsEntry("max.message.bytes", "16777216");
        assertThat(KafkaConfiguration.topicConfig(Topics.FOLLOW_CREATED, settings))
                .containsEntry("retention.ms", "-1").doesNotContainKey("cleanup.policy");
    }
}
