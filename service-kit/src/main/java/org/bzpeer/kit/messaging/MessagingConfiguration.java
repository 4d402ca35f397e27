package org.bzpeer.kit.messaging;

import java.time.Duration;

import org.apache.kafka.clients.producer.Producer;
import org.bzpeer.kit.config.KafkaConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.validation.annotation.Validated;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * How every service consumes: batch listeners ({@link EventConsumers}) whose transient failures the listener container
 * waits out with a capped exponential backoff, for as long as they last (the consumer is paused and keeps its
 * partitions meanwhile), and whose poison records go to dead-letter topics through {@link DeadLetters}.
 */
@AutoConfiguration(after = KafkaConfiguration.class)
@EnableConfigurationProperties(MessagingConfiguration.RetrySettings.class)
public class MessagingConfiguration {

    /**
     * How a batch that failed transiently is redelivered.
     *
     * @param firstDelay wait before the first redelivery
     * @param maxDelay   longest wait between redeliveries; the wait doubles up to it
     */
    @Validated
    @ConfigurationProperties("bzpeer.consumer.retry")
    public record RetrySettings(@DefaultValue("200ms") Duration firstDelay, @DefaultValue("10s") Duration maxDelay) {
    }

    @Bean
    DeadLetters deadLetters(Producer<String, byte[]> outboxProducer,
            @Value("${spring.application.name}") String consumerGroup, MeterRegistry meters) {
        return new DeadLetters(outboxProducer, consumerGroup, meters);
    }

    @Bean
    ConsumerHealth consumersHealthIndicator() {
        return new ConsumerHealth();
    }

    @Bean
    EventConsumers eventConsumers(DeadLetters deadLetters, ConsumerHealth consumersHealthIndicator) {
        return new EventConsumers(deadLetters, consumersHealthIndicator);
    }

    /** Redelivers a transiently failed batch for ever, with a doubling, capped delay; never skips it. */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> transientFailureBackoff(
            RetrySettings settings) {
        return (container, destination, group) -> {
            ExponentialBackOff backOff = new ExponentialBackOff(settings.firstDelay().toMillis(), 2.0);
            backOff.setMaxInterval(settings.maxDelay().toMillis());
            backOff.setMaxElapsedTime(Long.MAX_VALUE);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        };
    }
}
