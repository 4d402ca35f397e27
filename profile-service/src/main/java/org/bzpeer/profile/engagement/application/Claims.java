package org.bzpeer.profile.engagement.application;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.engagement.model.ClaimRules;
import org.bzpeer.profile.engagement.model.ClaimRules.Claimant;
import org.bzpeer.profile.engagement.model.ClaimRules.Decision;
import org.bzpeer.profile.engagement.model.ClaimRules.ExistingClaim;
import org.bzpeer.profile.engagement.model.ClaimRules.MergedClaim;
import org.bzpeer.profile.engagement.store.EngagementStore;
import org.bzpeer.profile.engagement.store.EngagementStore.ClaimState;
import org.bzpeer.profile.engagement.store.EngagementStore.RemovedClaim;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorClaimReleased;
import org.bzpeer.schemas.events.AuthorClaimRevoked;
import org.bzpeer.schemas.events.AuthorClaimTakenOver;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

/**
 * Claims of author records: who owns author X ({@link #owner}, the one place that answers it), claiming by the rules
 * of {@link ClaimRules}, release by the owner and revocation by an operator. Each change and its event
 * ({@code author.claimed}, {@code author.claim.taken-over}, {@code author.claim.released},
 * {@code author.claim.revoked}, carrying the claim revision) commit together, with the author locked; a request that
 * changes nothing publishes nothing.
 */
@Service
public class Claims {

    /** Outcome of a claim request. */
    public enum ClaimResult {
        /** The user claimed the unclaimed author, or took over another user's unverified claim. */
        CLAIMED,
        /** The user already owned the author and proved its ORCID iD now. */
        VERIFIED,
        /** The user already owned the author; nothing changed. */
        ALREADY_YOURS
    }

    private final EngagementStore store;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;
    private final ClaimProperties properties;

    public Claims(EngagementStore store, OutboxWriter outbox, OutboxRelay relay, TransactionalOperator transactions,
            ClaimProperties properties) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** The user who owns (has claimed) author {@code authorId}; empty when nobody has. */
    public Mono<String> owner(String authorId) {
        return store.findOwner(authorId);
    }

    /**
     * Completes when {@code userId} owns author {@code authorId}; otherwise fails with a 403 problem
     * {@code not-the-owner} saying whether the author is unclaimed or another user's.
     */
    public Mono<Void> requireOwner(String authorId, String userId) {
        return owner(authorId).defaultIfEmpty("").flatMap(owner -> owner.equals(userId) ? Mono.<Void>empty()
                : Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "not-the-owner", "Not the owner",
                        owner.isEmpty() ? "Author '" + authorId + "' is not claimed by anyone"
                                : "Author '" + authorId + "' is claimed by another user")));
    }

    /**
     * Claims author {@code authorId} for {@code userId}. {@code orcid} is the ORCID iD in the user's token, if any,
     * and {@code issuer} the token's issuer: the iD counts as proven only when the issuer is trusted for ORCID
     * assertions ({@code bzpeer.profile.claims.orcid-issuers}). Refusals are problems naming why:
     * {@code orcid-required}, {@code orcid-issuer-not-trusted}, {@code orcid-mismatch} (403),
     * {@code claimed-by-another-user} (409); an unknown author is 404.
     */
    public Mono<ClaimResult> claim(String authorId, String userId, String orcid, String issuer) {
        Claimant claimant = new Claimant(userId, orcid, properties.trustsOrcidFrom(issuer));
        return transactions.transactional(store.lockAuthorForClaim(authorId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                        .flatMap(state -> apply(authorId, claimant, issuer, state)))
                .doOnSuccess(result -> relay.wakeUp());
    }

    /**
     * The owner {@code userId} gives up their claim of {@code authorId}: {@code author.claim.released}. Releasing an
     * unclaimed author changes nothing; another user's claim is a 403 problem {@code not-the-owner}.
     */
    public Mono<Boolean> release(String authorId, String userId) {
        return transactions.transactional(store.lockAuthorForClaim(authorId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                        .flatMap(state -> {
                            if (state.ownerId() == null) {
                                return Mono.just(false);
                            }
                            if (!state.ownerId().equals(userId)) {
                                return Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "not-the-owner",
                                        "Not the owner", "Author '" + authorId + "' is claimed by another user"));
                            }
                            return store.deleteClaim(authorId).flatMap(removed -> outbox.append(
                                    Topics.AUTHOR_CLAIM_RELEASED, authorId, AuthorClaimReleased.newBuilder()
                                            .setEventId(eventId()).setOccurredAt(Instant.now())
                                            .setAuthorId(authorId).setUserId(removed.userId())
                                            .setRevision(removed.revision()).build()))
                                    .thenReturn(true);
                        }))
                .doOnSuccess(released -> relay.wakeUp());
    }

    /**
     * An operator ({@code operatorId}) revokes the claim of {@code authorId}, giving {@code reason}:
     * {@code author.claim.revoked}. An author without a claim is a 404 problem {@code not-claimed}.
     */
    public Mono<String> revoke(String authorId, String operatorId, String reason) {
        return transactions.transactional(store.lockAuthorForClaim(authorId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Author", authorId)))
                        .then(store.deleteClaim(authorId))
                        .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.NOT_FOUND, "not-claimed",
                                "Not claimed", "Author '" + authorId + "' has no claim to revoke")))
                        .flatMap((RemovedClaim removed) -> outbox.append(Topics.AUTHOR_CLAIM_REVOKED, authorId,
                                        AuthorClaimRevoked.newBuilder().setEventId(eventId())
                                                .setOccurredAt(Instant.now()).setAuthorId(authorId)
                                                .setUserId(removed.userId()).setRevokedBy(operatorId)
                                                .setReason(reason).setRevision(removed.revision()).build())
                                .thenReturn(removed.userId())))
                .doOnSuccess(revoked -> relay.wakeUp());
    }

    /**
     * Applies the merge of author {@code retiredId} into {@code survivorId} to the retired author's claim by the rule
     * of {@link ClaimRules#onMerge}: a claim that moves is an {@code author.claimed} of the survivor. Both authors are
     * locked, in id order, as a claim request locks them. Run in the transaction that applies the merge.
     */
    public Mono<Void> applyMerge(String retiredId, String survivorId) {
        boolean retiredFirst = retiredId.compareTo(survivorId) < 0;
        String first = retiredFirst ? retiredId : survivorId;
        String second = retiredFirst ? survivorId : retiredId;
        return lockedState(first).flatMap(firstState -> lockedState(second).map(secondState -> retiredFirst
                        ? Tuples.of(firstState, secondState) : Tuples.of(secondState, firstState)))
                .flatMap(states -> {
                    ClaimState claimed = states.getT1().orElse(null);
                    ClaimState target = states.getT2().orElse(null);
                    ExistingClaim retiredClaim = claimed == null ? null : existing(claimed);
                    MergedClaim outcome = ClaimRules.onMerge(retiredClaim, target != null,
                            target == null ? null : target.recordOrcid(), target == null ? null : existing(target));
                    return switch (outcome) {
                        case NONE, KEEP -> Mono.<Void>empty();
                        case DROP -> store.deleteClaim(retiredId).then();
                        case MOVE -> store.deleteClaim(retiredId)
                                .then(store.insertClaim(survivorId, retiredClaim.userId(),
                                        retiredClaim.verifiedOrcid()))
                                .flatMap(revision -> claimed(survivorId, retiredClaim.userId(),
                                        retiredClaim.verifiedOrcid(), revision));
                    };
                });
    }

    private Mono<Optional<ClaimState>> lockedState(String authorId) {
        return store.lockAuthorForClaim(authorId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private static ExistingClaim existing(ClaimState state) {
        return state.ownerId() == null ? null : new ExistingClaim(state.ownerId(), state.verifiedOrcid());
    }

    private Mono<ClaimResult> apply(String authorId, Claimant claimant, String issuer, ClaimState state) {
        Decision decision = ClaimRules.decide(state.recordOrcid(), existing(state), claimant);
        String userId = claimant.userId();
        return switch (decision.outcome()) {
            case ALREADY_YOURS -> Mono.just(ClaimResult.ALREADY_YOURS);
            case CLAIM -> store.insertClaim(authorId, userId, decision.verifiedOrcid())
                    .flatMap(revision -> claimed(authorId, userId, decision.verifiedOrcid(), revision))
                    .thenReturn(ClaimResult.CLAIMED);
            case VERIFY -> store.replaceClaim(authorId, userId, decision.verifiedOrcid())
                    .flatMap(revision -> claimed(authorId, userId, decision.verifiedOrcid(), revision))
                    .thenReturn(ClaimResult.VERIFIED);
            case TAKE_OVER -> store.replaceClaim(authorId, userId, decision.verifiedOrcid())
                    .flatMap(revision -> outbox.append(Topics.AUTHOR_CLAIM_TAKEN_OVER, authorId,
                            AuthorClaimTakenOver.newBuilder().setEventId(eventId()).setOccurredAt(Instant.now())
                                    .setAuthorId(authorId).setUserId(userId).setPreviousUserId(state.ownerId())
                                    .setVerifiedOrcid(decision.verifiedOrcid()).setRevision(revision).build()))
                    .thenReturn(ClaimResult.CLAIMED);
            case REFUSE -> Mono.error(refusal(decision.refusal(), authorId, state.recordOrcid(), claimant, issuer));
        };
    }

    private Mono<Void> claimed(String authorId, String userId, String verifiedOrcid, long revision) {
        return outbox.append(Topics.AUTHOR_CLAIMED, authorId, AuthorClaimed.newBuilder().setEventId(eventId())
                .setOccurredAt(Instant.now()).setAuthorId(authorId).setUserId(userId).setVerifiedOrcid(verifiedOrcid)
                .setRevision(revision).build());
    }

    private static ProblemException refusal(ClaimRules.Refusal refusal, String authorId, String recordOrcid,
            Claimant claimant, String issuer) {
        String author = "Author '" + authorId + "'";
        return switch (refusal) {
            case ORCID_REQUIRED -> new ProblemException(HttpStatus.FORBIDDEN, "orcid-required", "ORCID iD required",
                    author + " carries ORCID iD " + recordOrcid + ": it can be claimed only with that iD proven "
                            + "(the token's orcid claim, asserted by a trusted issuer), and the token has none");
            case ORCID_ISSUER_NOT_TRUSTED -> new ProblemException(HttpStatus.FORBIDDEN, "orcid-issuer-not-trusted",
                    "ORCID iD not proven", author + " carries ORCID iD " + recordOrcid + ": the token's ORCID iD "
                            + "comes from issuer '" + issuer + "', which is not trusted to assert ORCID iDs");
            case ORCID_MISMATCH -> new ProblemException(HttpStatus.FORBIDDEN, "orcid-mismatch", "ORCID iD mismatch",
                    author + " carries ORCID iD " + recordOrcid + ", but the token proves "
                            + claimant.provenOrcid());
            case CLAIMED_BY_ANOTHER_USER -> new ProblemException(HttpStatus.CONFLICT, "claimed-by-another-user",
                    "Claimed by another user", author + " is claimed by another user" + (recordOrcid == null
                            ? "; the claim is unverified: it passes to whoever proves the ORCID iD the record "
                                    + "carries once it carries one, and operators can revoke it"
                            : ", who proved its ORCID iD " + recordOrcid));
        };
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }
}
