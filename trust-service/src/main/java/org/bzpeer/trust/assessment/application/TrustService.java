package org.bzpeer.trust.assessment.application;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.schemas.events.TrustComponent;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.trust.assessment.model.TrustAssessment;
import org.bzpeer.trust.assessment.model.TrustModel;
import org.bzpeer.trust.assessment.store.AssessmentStore;
import org.bzpeer.trust.assessment.store.AuthorState;
import org.bzpeer.trust.assessment.store.FactStore;
import org.bzpeer.trust.assessment.store.StoredAssessment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Applies events to the facts of authors and reassesses the authors they touch, in the same transaction: when an
 * author's score, band, level, claim or any component changed, the new assessment is stored with the next revision
 * and its {@code trust.updated} event goes to the outbox; the relay is woken after the commit. Idempotent: an event
 * already applied, or older than what is stored, changes nothing and publishes nothing. Follows are stored but are
 * not part of the score, so they publish nothing.
 */
@Service
public class TrustService {

    private final FactStore facts;
    private final AssessmentStore assessments;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;
    private final Counter published;

    public TrustService(FactStore facts, AssessmentStore assessments, OutboxWriter outbox, OutboxRelay relay,
            TransactionalOperator transactions, MeterRegistry meters) {
        this.facts = facts;
        this.assessments = assessments;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.published = Counter.builder("bzpeer.trust.assessments.published")
                .description("Changed trust assessments stored and sent to the outbox").register(meters);
    }

    /** A new version of a work: its authors, before and after, are reassessed. */
    public Mono<Void> apply(WorkImported work) {
        return commit(facts.saveWork(work).flatMap(this::reassess));
    }

    /** A newer graph summary: its author is reassessed. */
    public Mono<Void> apply(AuthorGraphUpdated summary) {
        return commit(facts.saveGraphSummary(summary)
                .flatMap(stored -> stored ? reassess(Set.of(summary.getAuthorId())) : Mono.just(0)));
    }

    /** A claim: the first wins; the author is reassessed when it changed the claim. */
    public Mono<Void> apply(AuthorClaimed claim) {
        return commit(facts.saveClaim(claim)
                .flatMap(stored -> stored ? reassess(Set.of(claim.getAuthorId())) : Mono.just(0)));
    }

    /** A follow, unless a later change of the same pair is stored. */
    public Mono<Void> apply(FollowCreated follow) {
        return facts.saveFollow(follow.getAuthorId(), follow.getFollowerId(), true, follow.getOccurredAt()).then();
    }

    /** An unfollow, unless a later change of the same pair is stored. */
    public Mono<Void> apply(FollowDeleted follow) {
        return facts.saveFollow(follow.getAuthorId(), follow.getFollowerId(), false, follow.getOccurredAt()).then();
    }

    /** The current trust of {@code authorId} with its follower count; empty when the author was never assessed. */
    public Mono<CurrentTrust> current(String authorId) {
        return assessments.find(authorId)
                .flatMap(stored -> facts.countFollowers(authorId).map(followers -> new CurrentTrust(stored.authorId(),
                        stored.assessment(), stored.revision(), stored.computedAt(), followers)));
    }

    private Mono<Void> commit(Mono<Integer> change) {
        return transactions.transactional(change)
                .doOnNext(changed -> {
                    if (changed > 0) {
                        published.increment(changed);
                        relay.wakeUp();
                    }
                })
                .then();
    }

    /** Reassesses {@code authorIds}; emits how many assessments changed. Run in the transaction of the change. */
    private Mono<Integer> reassess(Set<String> authorIds) {
        if (authorIds.isEmpty()) {
            return Mono.just(0);
        }
        return assessments.lock(authorIds)
                .then(assessments.load(authorIds))
                .flatMap(states -> {
                    List<StoredAssessment> changed = changedAssessments(states);
                    if (changed.isEmpty()) {
                        return Mono.just(0);
                    }
                    return assessments.save(changed)
                            .then(outbox.appendAll(changed.stream().map(TrustService::event).toList()))
                            .thenReturn(changed.size());
                });
    }

    private static List<StoredAssessment> changedAssessments(List<AuthorState> states) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<StoredAssessment> changed = new ArrayList<>();
        for (AuthorState state : states) {
            if (!state.known()) {
                continue;
            }
            TrustAssessment next = TrustModel.assess(state.facts());
            StoredAssessment current = state.current();
            if (current != null && current.assessment().equals(next)) {
                continue;
            }
            long revision = current == null ? 1 : current.revision() + 1;
            changed.add(new StoredAssessment(state.authorId(), revision, next, now));
        }
        return changed;
    }

    private static OutboundEvent<TrustUpdated> event(StoredAssessment stored) {
        TrustAssessment assessment = stored.assessment();
        TrustUpdated event = TrustUpdated.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(stored.computedAt())
                .setAuthorId(stored.authorId())
                .setRevision(stored.revision())
                .setScore(assessment.score())
                .setBand(assessment.band().label())
                .setVerificationLevel(assessment.verificationLevel().name())
                .setClaimed(assessment.claimed())
                .setComponents(assessment.components().stream()
                        .map(component -> TrustComponent.newBuilder()
                                .setName(component.name())
                                .setPoints(component.points())
                                .setMaxPoints(component.maxPoints())
                                .setExplanation(component.explanation())
                                .build())
                        .toList())
                .build();
        return new OutboundEvent<>(Topics.TRUST_UPDATED, stored.authorId(), event);
    }
}
