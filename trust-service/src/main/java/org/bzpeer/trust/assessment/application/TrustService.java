package org.bzpeer.trust.assessment.application;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.bzpeer.kit.authors.RetiredAuthors;
import org.bzpeer.kit.batch.LatestPerKey;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.kit.pending.PendingDerivation;
import org.bzpeer.kit.pending.PendingKeys;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimReleased;
import org.bzpeer.schemas.events.AuthorClaimRevoked;
import org.bzpeer.schemas.events.AuthorClaimTakenOver;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.schemas.events.TrustComponent;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.trust.assessment.model.TrustAssessment;
import org.bzpeer.trust.assessment.model.TrustModel;
import org.bzpeer.trust.assessment.store.AssessmentStore;
import org.bzpeer.trust.assessment.store.AssessmentStore.TrustAssessmentOf;
import org.bzpeer.trust.assessment.store.AuthorState;
import org.bzpeer.trust.assessment.store.FactStore;
import org.bzpeer.trust.assessment.store.FactStore.ClaimChange;
import org.bzpeer.trust.assessment.store.FactStore.FollowChange;
import org.bzpeer.trust.assessment.store.StoredAssessment;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * trust-service's use cases. Each batch of events is applied to the facts of authors in one transaction, which marks
 * the authors whose facts changed as pending; {@link #assessPending} then reassesses pending authors a batch at a
 * time, so an author touched by a work, its graph summary and a claim in quick succession is reassessed, and
 * published, once. An assessment that changed (score, band, level, claim or any component with its explanation) is
 * stored with a new revision and its {@code trust.updated} goes to the outbox; an author left with neither a work nor
 * a claim, or merged into another author ({@code author.merged}), loses the assessment. Idempotent: an event already
 * applied, or older than what is stored, changes nothing and marks nobody. Follows are stored but are not part of the
 * score, so they mark nobody.
 */
@Service
public class TrustService implements SmartLifecycle {

    private final FactStore facts;
    private final AssessmentStore assessments;
    private final PendingKeys pending;
    private final RetiredAuthors retired;
    private final OutboxWriter outbox;
    private final TransactionalOperator transactions;
    private final TrustProperties properties;
    private final PendingDerivation reassessments;
    private final Counter published;

    public TrustService(FactStore facts, AssessmentStore assessments, DatabaseClient database, OutboxWriter outbox,
            OutboxRelay relay, TransactionalOperator transactions, TrustProperties properties, MeterRegistry meters) {
        this.facts = facts;
        this.assessments = assessments;
        this.pending = new PendingKeys(database, "pending_assessment");
        this.retired = new RetiredAuthors(database, "retired_author");
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.reassessments = new PendingDerivation("trust-assessments", pending, transactions,
                properties.assessmentBatchSize(), this::reassess, relay::wakeUp, pollInterval(properties));
        this.published = Counter.builder("bzpeer.trust.assessments.published")
                .description("Changed trust assessments stored and sent to the outbox").register(meters);
    }

    /**
     * New versions of works, retired authors read as their survivors: the authors of the replaced and the new
     * versions are reassessed.
     */
    public Mono<Void> applyWorks(List<WorkImported> works) {
        return markChanged(retired.canonical(works).flatMap(canonical -> facts.saveWorks(
                LatestPerKey.of(canonical.works(), WorkImported::getWorkId, WorkImported::getVersion))));
    }

    /**
     * Merges of authors: each newly retired author's authorships become its survivor's (through chains of merges) and
     * its other facts go; the retired author loses its assessment (whatever facts of it arrive later) and the survivor
     * is reassessed. Claims the merge moves arrive as claim events of the survivor.
     */
    public Mono<Void> applyMerges(List<AuthorMerged> merges) {
        return markChanged(retired.record(merges).flatMap(survivors -> Flux
                .fromIterable(new TreeMap<>(survivors).entrySet())
                .concatMap(merge -> facts.retire(merge.getKey(), merge.getValue()))
                .then(Mono.fromSupplier(() -> {
                    Set<String> changed = new TreeSet<>(survivors.keySet());
                    changed.addAll(survivors.values());
                    return changed;
                }))));
    }

    /** Newer graph summaries: their authors are reassessed. */
    public Mono<Void> applyGraphSummaries(List<AuthorGraphUpdated> summaries) {
        return markChanged(facts.saveGraphSummaries(summaries));
    }

    /** Claims (and proofs of the record's ORCID iD): authors whose claim changed are reassessed. */
    public Mono<Void> applyClaims(List<AuthorClaimed> claims) {
        return markChanged(facts.saveClaims(claims.stream().map(claim -> new ClaimChange(claim.getAuthorId(),
                claim.getRevision(), claim.getUserId(), claim.getVerifiedOrcid(), claim.getOccurredAt())).toList()));
    }

    /** Unverified claims taken over by the user who proved the record's ORCID iD. */
    public Mono<Void> applyTakeovers(List<AuthorClaimTakenOver> takeovers) {
        return markChanged(facts.saveClaims(takeovers.stream().map(takeover -> new ClaimChange(
                takeover.getAuthorId(), takeover.getRevision(), takeover.getUserId(), takeover.getVerifiedOrcid(),
                takeover.getOccurredAt())).toList()));
    }

    /** Claims released by their claimant: the authors are unclaimed. */
    public Mono<Void> applyReleases(List<AuthorClaimReleased> releases) {
        return markChanged(facts.saveClaims(releases.stream().map(release -> new ClaimChange(
                release.getAuthorId(), release.getRevision(), null, null, release.getOccurredAt())).toList()));
    }

    /** Claims revoked by an operator: the authors are unclaimed. */
    public Mono<Void> applyRevocations(List<AuthorClaimRevoked> revocations) {
        return markChanged(facts.saveClaims(revocations.stream().map(revocation -> new ClaimChange(
                revocation.getAuthorId(), revocation.getRevision(), null, null, revocation.getOccurredAt()))
                .toList()));
    }

    /** Follows, unless a later change of the same pair is stored. */
    public Mono<Void> applyFollows(List<FollowCreated> follows) {
        return transactions.transactional(facts.saveFollows(follows.stream()
                .map(follow -> new FollowChange(follow.getAuthorId(), follow.getFollowerId(), true,
                        follow.getOccurredAt()))
                .toList()));
    }

    /** Unfollows, unless a later change of the same pair is stored. */
    public Mono<Void> applyUnfollows(List<FollowDeleted> unfollows) {
        return transactions.transactional(facts.saveFollows(unfollows.stream()
                .map(unfollow -> new FollowChange(unfollow.getAuthorId(), unfollow.getFollowerId(), false,
                        unfollow.getOccurredAt()))
                .toList()));
    }

    /** Reassesses one batch of pending authors now; returns how many it reassessed. */
    public int assessPending() {
        return reassessments.deriveBatch();
    }

    /** The current trust of {@code authorId} with its follower count; empty when the author was never assessed. */
    public Mono<CurrentTrust> current(String authorId) {
        return assessments.find(authorId)
                .flatMap(stored -> facts.countFollowers(authorId).map(followers -> new CurrentTrust(stored.authorId(),
                        stored.assessment(), stored.revision(), stored.computedAt(), followers)));
    }

    private Mono<Void> markChanged(Mono<Set<String>> change) {
        return transactions.transactional(change.flatMap(
                        authors -> pending.mark(authors, properties.assessmentLinger())))
                .doOnSuccess(done -> reassessments.wakeUp());
    }

    /** Reassesses {@code authorIds}, in the transaction that holds their pending marks. */
    private Mono<Void> reassess(Collection<String> authorIds) {
        return assessments.load(authorIds).flatMap(states -> {
            List<TrustAssessmentOf> changed = new ArrayList<>();
            List<String> forgotten = new ArrayList<>();
            for (AuthorState state : states) {
                TrustAssessment next = TrustModel.assess(state.facts());
                StoredAssessment current = state.current();
                if (!state.known()) {
                    if (current != null) {
                        forgotten.add(state.authorId());
                    }
                } else if (current == null || !current.assessment().equals(next)) {
                    changed.add(new TrustAssessmentOf(state.authorId(), next));
                }
            }
            return assessments.remove(forgotten)
                    .then(assessments.save(changed, Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                    .flatMap(stored -> outbox.appendAll(stored.stream().map(TrustService::event).toList())
                            .doOnSuccess(done -> published.increment(stored.size())));
        });
    }

    /** Polls for due authors as often as they come due, but no more than every 50 ms. */
    private static Duration pollInterval(TrustProperties properties) {
        Duration floor = Duration.ofMillis(50);
        return properties.assessmentLinger().compareTo(floor) > 0 ? properties.assessmentLinger() : floor;
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

    @Override
    public void start() {
        reassessments.start();
    }

    @Override
    public void stop() {
        reassessments.stop();
    }

    @Override
    public boolean isRunning() {
        return reassessments.isRunning();
    }
}
