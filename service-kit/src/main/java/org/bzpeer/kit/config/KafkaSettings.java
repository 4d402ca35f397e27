package org.bzpeer.kit.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Where the Kafka cluster is and how BZPEER's topics are laid out on it.
 *
 * @param bootstrapServers  comma-separated host:port list of brokers
 * @param partitions        partitions of each BZPEER topic when this service creates it
 * @param replicationFactor replicas of each BZPEER topic when this service creates it
 */
@Validated
@ConfigurationProperties("bzpeer.kafka")
public record KafkaSettings(
        @NotBlank String bootstrapServers,
        @DefaultValue("3") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor) {
}
