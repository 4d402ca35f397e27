package org.bzpeer.kit.messaging;

import org.bzpeer.schemas.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;

/** Dead-letter topics named {@code <topic>.dlq.<consumer group>}, so each service's failures stay apart. */
@AutoConfiguration
public class MessagingConfiguration {

    @Bean
    DlqDestinationResolver deadLetterTopicResolver(@Value("${spring.application.name}") String consumerGroup) {
        return (record, exception) -> Topics.deadLetterTopic(record.topic(), consumerGroup);
    }
}
