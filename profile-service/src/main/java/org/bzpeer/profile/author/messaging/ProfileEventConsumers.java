package org.bzpeer.profile.author.messaging;

import java.util.function.Consumer;

import org.bzpeer.kit.messaging.EventConsumers;
import org.bzpeer.profile.author.application.ProfileProjection;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Where events arrive: {@code work.imported}, {@code author.graph.updated} and {@code trust.updated}, each handed to
 * the projection. A failure is retried by the binder, then dead-lettered with its reason; never dropped.
 */
@Configuration
class ProfileEventConsumers {

    @Bean
    Consumer<Message<byte[]>> workImported(ProfileProjection projection) {
        return EventConsumers.of(WorkImported.class, work -> projection.apply(work).block());
    }

    @Bean
    Consumer<Message<byte[]>> authorGraphUpdated(ProfileProjection projection) {
        return EventConsumers.of(AuthorGraphUpdated.class, summary -> projection.apply(summary).block());
    }

    @Bean
    Consumer<Message<byte[]>> trustUpdated(ProfileProjection projection) {
        return EventConsumers.of(TrustUpdated.class, trust -> projection.apply(trust).block());
    }
}
