package org.bzpeer.ingest.work.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.bzpeer.ingest.work.application.AuthorshipDisowning;
import org.bzpeer.kit.messaging.EventConsumers;
import org.bzpeer.schemas.events.AuthorshipDisowned;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Where events arrive, a polled batch at a time: {@code authorship.disowned} from profile-service, handed to
 * {@link AuthorshipDisowning}. Transient failures are waited out; a record that fails on its own is dead-lettered
 * with its reason to {@code authorship.disowned.dlq.ingest-service}; never dropped.
 */
@Configuration
class IngestEventConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> authorshipDisowned(EventConsumers consumers, AuthorshipDisowning disowning) {
        return consumers.of(AuthorshipDisowned.class, disowning::apply);
    }
}
