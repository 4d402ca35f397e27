package org.bzpeer.trust.assessment.messaging;

import java.util.function.Consumer;

import org.bzpeer.kit.messaging.EventConsumers;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.trust.assessment.application.TrustService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Where events arrive: {@code work.imported}, {@code author.graph.updated}, {@code author.claimed},
 * {@code follow.created} and {@code follow.deleted}, each handed to {@link TrustService}. A failure is retried by the
 * binder, then dead-lettered with its reason to {@code <topic>.dlq.trust-service}; never dropped.
 */
@Configuration
class TrustEventConsumers {

    @Bean
    Consumer<Message<byte[]>> workImported(TrustService trust) {
        return EventConsumers.of(WorkImported.class, work -> trust.apply(work).block());
    }

    @Bean
    Consumer<Message<byte[]>> authorGraphUpdated(TrustService trust) {
        return EventConsumers.of(AuthorGraphUpdated.class, summary -> trust.apply(summary).block());
    }

    @Bean
    Consumer<Message<byte[]>> authorClaimed(TrustService trust) {
        return EventConsumers.of(AuthorClaimed.class, claim -> trust.apply(claim).block());
    }

    @Bean
    Consumer<Message<byte[]>> followCreated(TrustService trust) {
        return EventConsumers.of(FollowCreated.class, follow -> trust.apply(follow).block());
    }

    @Bean
    Consumer<Message<byte[]>> followDeleted(TrustService trust) {
        return EventConsumers.of(FollowDeleted.class, follow -> trust.apply(follow).block());
    }
}
