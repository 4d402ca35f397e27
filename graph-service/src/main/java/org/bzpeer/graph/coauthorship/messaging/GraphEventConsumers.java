package org.bzpeer.graph.coauthorship.messaging;

import java.util.function.Consumer;

import org.bzpeer.graph.coauthorship.application.CoauthorshipGraph;
import org.bzpeer.kit.messaging.EventConsumers;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Where works arrive: {@code work.imported}, each handed to the co-authorship graph. A failure is retried by the
 * binder, then dead-lettered to {@code work.imported.dlq.graph-service} with its reason; never dropped.
 */
@Configuration
class GraphEventConsumers {

    @Bean
    Consumer<Message<byte[]>> workImported(CoauthorshipGraph graph) {
        return EventConsumers.of(WorkImported.class, work -> graph.apply(work).block());
    }
}
