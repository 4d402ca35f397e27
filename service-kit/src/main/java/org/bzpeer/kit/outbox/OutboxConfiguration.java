package org.bzpeer.kit.outbox;

import org.apache.kafka.clients.producer.Producer;
import org.bzpeer.kit.config.KafkaConfiguration;
import org.bzpeer.kit.outbox.api.ParkedOutboxController;
import org.bzpeer.kit.outbox.application.ParkedOutboxRows;
import org.bzpeer.kit.outbox.store.ParkedRowStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the transactional outbox onto the service's own database, and the admin API of its parked rows
 * ({@code /api/v1/admin/outbox/parked}).
 */
@AutoConfiguration(after = KafkaConfiguration.class)
@EnableConfigurationProperties(OutboxProperties.class)
@Import(ParkedOutboxController.class)
public class OutboxConfiguration {

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    @Bean
    OutboxWriter outboxWriter(DatabaseClient database) {
        return new OutboxWriter(database);
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient database, TransactionalOperator transactions,
            Producer<String, byte[]> outboxProducer, OutboxProperties properties, MeterRegistry meters) {
        return new OutboxRelay(database, transactions, outboxProducer, properties, meters);
    }

    @Bean
    ParkedOutboxRows parkedOutboxRows(DatabaseClient database, OutboxRelay outboxRelay) {
        return new ParkedOutboxRows(new ParkedRowStore(database), outboxRelay);
    }
}
