package org.bzpeer.trust.assessment.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.bzpeer.kit.messaging.EventConsumers;
import org.bzpeer.schemas.events.AuthorClaimReleased;
import org.bzpeer.schemas.events.AuthorClaimRevoked;
import org.bzpeer.schemas.events.AuthorClaimTakenOver;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.trust.assessment.application.TrustService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Where events arrive, a polled batch at a time: {@code work.imported}, {@code author.merged},
 * {@code author.graph.updated}, the claim
 * topics ({@code author.claimed}, {@code author.claim.taken-over}, {@code author.claim.released},
 * {@code author.claim.revoked}), {@code follow.created} and {@code follow.deleted}, each handed to
 * {@link TrustService}.
 * Transient failures are waited out; a record that fails on its own is dead-lettered with its reason to
 * {@code <topic>.dlq.trust-service}; never dropped.
 */
@Configuration
class TrustEventConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> workImported(EventConsumers consumers, TrustService trust) {
        return consumers.of(WorkImported.class, trust::applyWorks);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorMerged(EventConsumers consumers, TrustService trust) {
        return consumers.of(AuthorMerged.class, trust::applyMerges);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorGraphUpdated(EventConsumers consumers, TrustService trust) {
        return consumers.of(AuthorGraphUpdated.class, trust::applyGraphSummaries);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorClaimed(EventConsumers consumers, TrustService trust) {
        return consumers.of(AuthorClaimed.class, trust::applyClaims);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorClaimTakenOver(EventConsumers consumers, TrustService trust) {
        return consumers.of(AuthorClaimTakenOver.class, trust::applyTakeovers);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorClaimReleased(EventConsumers consumers, TrustService trust) {
        return consumers.of(AuthorClaimReleased.class, trust::applyReleases);
    }

    @Bean
    Consumer<Message<List<byte[]>>> authorClaimRevoked(EventConsumers consumers, TrustService trust) {
        return consumers.of(AuthorClaimRevoked.class, trust::applyRevocations);
    }

    @Bean
    Consumer<Message<List<byte[]>>> followCreated(EventConsumers consumers, TrustService trust) {
        return consumers.of(FollowCreated.class, trust::applyFollows);
    }

    @Bean
    Consumer<Message<List<byte[]>>> followDeleted(EventConsumers consumers, TrustService trust) {
        return consumers.of(FollowDeleted.class, trust::applyUnfollows);
    }
}
