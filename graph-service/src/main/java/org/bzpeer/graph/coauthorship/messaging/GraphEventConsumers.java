package org.bzpeer.graph.coauthorship.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.bzpeer.graph.coauthorship.application.CoauthorshipGraph;
import org.bzpeer.kit.messaging.EventConsumers;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Where works and author merges arrive: {@code work.imported} and {@code author.merged}, a polled batch at a time,
 * handed to the co-authorship graph. Transient failures are waited out; a record that fails on its own is
 * dead-lettered to {@code <topic>.dlq.graph-service} with its reason; never dropped.
 */
@Configuration
class GraphEventConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> workImported(EventConsumers consumers, CoauthorshipGraph graph) {
        return consumers.of(WorkImported.class, graph::applyWorks);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorMerged(EventConsumers consumers, CoauthorshipGraph graph) {
        return consumers.of(AuthorMerged.class, graph::applyMerges);
    }
}
