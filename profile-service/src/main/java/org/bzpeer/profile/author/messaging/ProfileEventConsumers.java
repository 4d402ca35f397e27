package org.bzpeer.profile.author.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.bzpeer.kit.messaging.EventConsumers;
import org.bzpeer.profile.author.application.ProfileProjection;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Where events arrive, a polled batch at a time: {@code work.imported}, {@code author.merged},
 * {@code author.graph.updated} and {@code trust.updated}, each handed to the projection. Transient failures are waited
 * out; a record that fails on its own is dead-lettered with its reason; never dropped.
 */
@Configuration
class ProfileEventConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> workImported(EventConsumers consumers, ProfileProjection projection) {
        return consumers.of(WorkImported.class, projection::applyWorks);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorMerged(EventConsumers consumers, ProfileProjection projection) {
        return consumers.of(AuthorMerged.class, projection::applyMerges);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorGraphUpdated(EventConsumers consumers, ProfileProjection projection) {
        return consumers.of(AuthorGraphUpdated.class, projection::applyGraphSummaries);
    }

    @Bean
    Consumer<Message<List<byte[]>>> trustUpdated(EventConsumers consumers, ProfileProjection projection) {
        return consumers.of(TrustUpdated.class, projection::applyTrust);
    }
}
