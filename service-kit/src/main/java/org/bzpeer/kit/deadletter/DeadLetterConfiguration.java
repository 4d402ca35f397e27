package org.bzpeer.kit.deadletter;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.bzpeer.kit.config.KafkaConfiguration;
import org.bzpeer.kit.config.KafkaSettings;
import org.bzpeer.kit.deadletter.api.DeadLetterController;
import org.bzpeer.kit.deadletter.application.DeadLetterOperations;
import org.bzpeer.kit.deadletter.store.DeadLetterTopics;
import org.bzpeer.kit.deadletter.store.ReplayLog;
import org.bzpeer.kit.outbox.OutboxConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dead-letter admin API of every service ({@code /api/v1/admin/dead-letters}): the dead-letter topics of the
 * service's consumer group, read and replayed through the outbox producer, replays recorded in the service's database.
 */
@AutoConfiguration(after = {KafkaConfiguration.class, OutboxConfiguration.class})
@Import(DeadLetterController.class)
public class DeadLetterConfiguration {

    @Bean
    DeadLetterTopics deadLetterTopics(Admin bzpeerKafkaAdmin, KafkaSettings settings,
            Producer<String, byte[]> outboxProducer, @Value("${spring.application.name}") String consumerGroup) {
        return new DeadLetterTopics(bzpeerKafkaAdmin, settings, outboxProducer, consumerGroup);
    }

    @Bean
    ReplayLog deadLetterReplayLog(DatabaseClient database) {
        return new ReplayLog(database);
    }

    @Bean
    DeadLetterOperations deadLetterOperations(DeadLetterTopics deadLetterTopics, ReplayLog deadLetterReplayLog,
            TransactionalOperator transactionalOperator, MeterRegistry meters) {
        return new DeadLetterOperations(deadLetterTopics, deadLetterReplayLog, transactionalOperator, meters);
    }
}
