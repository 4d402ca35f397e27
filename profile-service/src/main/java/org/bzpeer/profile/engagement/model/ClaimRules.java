package org.bzpeer.profile.engagement.model;

import java.util.Locale;

/**
 * Who may claim an author record. An ORCID iD counts as proven only when an issuer trusted for ORCID assertions put
 * it in the claimant's token.
 * <ul>
 * <li>A record that carries an ORCID iD can be claimed only with that iD proven: without proof the claim is refused
 * ({@link Refusal#ORCID_REQUIRED}, or {@link Refusal#ORCID_ISSUER_NOT_TRUSTED} when the token names an iD its issuer
 * cannot vouch for), with another iD it is refused ({@link Refusal#ORCID_MISMATCH}). The proven claim is verified
 * and takes over an unverified claim of another user; a verified claim of another user stands
 * ({@link Refusal#CLAIMED_BY_ANOTHER_USER}).</li>
 * <li>A record without an ORCID iD can be claimed without proof (unverified), first come first served; the claim
 * stays contestable by whoever proves the iD the record carries later, and an operator can revoke it.</li>
 * <li>The owner claiming again changes nothing (also without proof), unless they now prove the record's iD: the
 * claim becomes verified.</li>
 * </ul>
 * Plain Java: the caller reads the record and its claim under a lock and applies the {@link Decision}.
 */
public final class ClaimRules {

    private ClaimRules() {
    }

    /** The claim an author record has now. {@code verifiedOrcid} is the iD its owner proved, if any. */
    public record ExistingClaim(String userId, String verifiedOrcid) {
    }

    /**
     * Who asks: the token's subject and, when the token carries one, its ORCID iD, and whether the token's issuer is
     * trusted to assert ORCID iDs.
     */
    public record Claimant(String userId, String orcid, boolean orcidIssuerTrusted) {

        /** The iD the claimant proved (normalised), or null. */
        public String provenOrcid() {
            return orcidIssuerTrusted ? normalizeOrcid(orcid) : null;
        }
    }

    /** What a claim request does. */
    public enum Outcome {
        /** The record was unclaimed: the claimant claims it. */
        CLAIM,
        /** The claimant already owns it and now proves the record's iD: the claim becomes verified. */
        VERIFY,
        /** Another user's unverified claim passes to the claimant, who proved the record's iD. */
        TAKE_OVER,
        /** The claimant already owns it; nothing changes. */
        ALREADY_YOURS,
        /** Refused, for {@link Decision#refusal()}. */
        REFUSE
    }

    /** Why a claim is refused. */
    public enum Refusal {
        ORCID_REQUIRED, ORCID_ISSUER_NOT_TRUSTED, ORCID_MISMATCH, CLAIMED_BY_ANOTHER_USER
    }

    /**
     * The decision on one claim request. {@code verifiedOrcid} is the iD the resulting claim records (the proven iD,
     * also when the record carries none yet, so that it counts once the record does).
     */
    public record Decision(Outcome outcome, Refusal refusal, String verifiedOrcid) {

        static Decision refuse(Refusal refusal) {
            return new Decision(Outcome.REFUSE, refusal, null);
        }
    }

    /**
     * Decides the request of {@code claimant} on a record carrying {@code recordOrcid} (null when none) and claimed
     * as {@code existing} (null when unclaimed).
     */
    public static Decision decide(String recordOrcid, ExistingClaim existing, Claimant claimant) {
        String record = normalizeOrcid(recordOrcid);
        String proven = claimant.provenOrcid();
        if (record == null) {
            if (existing == null) {
                return new Decision(Outcome.CLAIM, null, proven);
            }
            return existing.userId().equals(claimant.userId())
                    ? new Decision(Outcome.ALREADY_YOURS, null, existing.verifiedOrcid())
                    : Decision.refuse(Refusal.CLAIMED_BY_ANOTHER_USER);
        }
        boolean existingVerified = existing != null && record.equals(normalizeOrcid(existing.verifiedOrcid()));
        if (existing != null && existing.userId().equals(claimant.userId())) {
            return record.equals(proven) && !existingVerified ? new Decision(Outcome.VERIFY, null, proven)
                    : new Decision(Outcome.ALREADY_YOURS, null, existing.verifiedOrcid());
        }
        if (proven == null) {
            boolean untrustedOrcid = normalizeOrcid(claimant.orcid()) != null;
            return Decision.refuse(untrustedOrcid ? Refusal.ORCID_ISSUER_NOT_TRUSTED : Refusal.ORCID_REQUIRED);
        }
        if (!proven.equals(record)) {
            return Decision.refuse(Refusal.ORCID_MISMATCH);
        }
        if (existing == null) {
            return new Decision(Outcome.CLAIM, null, proven);
        }
        return existingVerified ? Decision.refuse(Refusal.CLAIMED_BY_ANOTHER_USER)
                : new Decision(Outcome.TAKE_OVER, null, proven);
    }

    /** What a merge does with the claim of the retired author. */
    public enum MergedClaim {
        /** The retired author had no claim. */
        NONE,
        /** The claim moves to the survivor, with the iD its owner proved. */
        MOVE,
        /** The survivor is its owner's already: the retired author's claim goes. */
        DROP,
        /** The claim stays on the retired author, which its owner keeps seeing (nobody else does). */
        KEEP
    }

    /**
     * Decides what happens to {@code retiredClaim} (null when none) when its author is merged into a survivor carrying
     * {@code survivorOrcid} and claimed as {@code survivorClaim}; {@code survivorKnown} is false when the survivor has
     * no record yet. The claim moves only where a new claim of its owner would be accepted without taking anything
     * from anyone: the survivor is known and unclaimed, and either carries no ORCID iD or carries exactly the iD the
     * owner proved. Otherwise it stays where it is (an unverified claim never lands on a record with an ORCID iD, a
     * verified one never on a record with another iD), unless the owner owns the survivor already.
     */
    public static MergedClaim onMerge(ExistingClaim retiredClaim, boolean survivorKnown, String survivorOrcid,
            ExistingClaim survivorClaim) {
        if (retiredClaim == null) {
            return MergedClaim.NONE;
        }
        if (survivorClaim != null) {
            return survivorClaim.userId().equals(retiredClaim.userId()) ? MergedClaim.DROP : MergedClaim.KEEP;
        }
        String record = normalizeOrcid(survivorOrcid);
        if (!survivorKnown || record != null && !record.equals(normalizeOrcid(retiredClaim.verifiedOrcid()))) {
            return MergedClaim.KEEP;
        }
        return MergedClaim.MOVE;
    }

    /**
     * An ORCID iD in the bare form ingest-service stores ({@code 0000-0002-1825-0097}, check digit {@code X}
     * upper-case), whether given bare or as an orcid.org URL; null for null or blank.
     */
    public static String normalizeOrcid(String orcid) {
        if (orcid == null || orcid.isBlank()) {
            return null;
        }
        return orcid.trim().replaceFirst("(?i)^https?:/+(www\\.)?orcid\\.org/", "").toUpperCase(Locale.ROOT);
    }
}
