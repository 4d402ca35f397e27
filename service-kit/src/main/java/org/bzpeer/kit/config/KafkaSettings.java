package org.bzpeer.kit.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Where the Kafka cluster is, how a service authenticates to it, and how BZPEER's topics are laid out on it. The one
 * place Kafka client settings come from: the outbox producer, the admin client and the Spring Cloud Stream binder all
 * read {@link #clientProperties()} (the binder through {@link ServiceDefaults}), so a real cluster (SASL/SCRAM, TLS)
 * is configured once, from the environment.
 *
 * @param bootstrapServers      comma-separated host:port list of brokers
 * @param clientId              Kafka {@code client.id} prefix of this instance (quotas, broker logs, metrics)
 * @param partitions            partitions of each BZPEER topic when this service creates it; bounds how many instances
 *                              of a consumer service share the work
 * @param replicationFactor     replicas of each BZPEER topic when this service creates it
 * @param maxMessageSize        largest record a producer sends and a topic accepts (a work with thousands of authors)
 * @param securityProtocol      {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
 * @param saslMechanism         e.g. {@code SCRAM-SHA-512}; empty for none
 * @param saslJaasConfig        the JAAS line with the SCRAM user and password; empty for none
 * @param sslTruststoreLocation trust store of the cluster CA; empty for the JVM default
 * @param sslTruststorePassword its password
 * @param sslTruststoreType     {@code PKCS12}, {@code JKS} or {@code PEM}
 * @param properties            any further Kafka client property, passed as is to every client
 */
@Validated
@ConfigurationProperties("bzpeer.kafka")
public record KafkaSettings(
        @NotBlank String bootstrapServers,
        @NotBlank String clientId,
        @DefaultValue("12") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue("16MB") DataSize maxMessageSize,
        @DefaultValue("PLAINTEXT") String securityProtocol,
        String saslMechanism,
        String saslJaasConfig,
        String sslTruststoreLocation,
        String sslTruststorePassword,
        @DefaultValue("PKCS12") String sslTruststoreType,
        Map<String, String> properties) {

    public KafkaSettings {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The connection and security properties every Kafka client of the service uses. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("bootstrap.servers", bootstrapServers);
        client.put("security.protocol", securityProtocol);
        putIfSet(client, "sasl.mechanism", saslMechanism);
        putIfSet(client, "sasl.jaas.config", saslJaasConfig);
        if (StringUtils.hasText(sslTruststoreLocation)) {
            client.put("ssl.truststore.location", sslTruststoreLocation);
            client.put("ssl.truststore.type", sslTruststoreType);
            putIfSet(client, "ssl.truststore.password", sslTruststorePassword);
        }
        client.putAll(properties);
        return client;
    }

    /** Largest record in bytes, for producers ({@code max.request.size}) and topics ({@code max.message.bytes}). */
    public int maxMessageBytes() {
        return Math.toIntExact(maxMessageSize.toBytes());
    }

    private static void putIfSet(Map<String, Object> client, String name, String value) {
        if (StringUtils.hasText(value)) {
            client.put(name, value);
        }
    }
}
