package org.bzpeer.profile.engagement.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.bzpeer.profile.engagement.model.ClaimRules.Claimant;
import org.bzpeer.profile.engagement.model.ClaimRules.Decision;
import org.bzpeer.profile.engagement.model.ClaimRules.ExistingClaim;
import org.bzpeer.profile.engagement.model.ClaimRules.MergedClaim;
import org.bzpeer.profile.engagement.model.ClaimRules.Outcome;
import org.bzpeer.profile.engagement.model.ClaimRules.Refusal;
import org.junit.jupiter.api.Test;

/** Each claim rule on its own, without Spring. */
class ClaimRulesTest {

    private static final String ORCID = "0000-0002-1825-0097";
    private static final String OTHER = "0000-0001-5109-3700";

    @Test
    void aRecordWithAnOrcidNeedsThatOrcidProvenByATrustedIssuer() {
        assertThat(decide(ORCID, null, new Claimant("b", null, true)).refusal()).isEqualTo(Refusal.ORCID_REQUIRED);
        assertThat(decide(ORCID, null, new Claimant("b", ORCID, false)).refusal())
                .as("the right iD from an issuer nobody trusts proves nothing")
                .isEqualTo(Refusal.ORCID_ISSUER_NOT_TRUSTED);
        assertThat(decide(ORCID, null, new Claimant("b", OTHER, true)).refusal()).isEqualTo(Refusal.ORCID_MISMATCH);

        Decision proven = decide(ORCID, null, new Claimant("r", "https://orcid.org/" + ORCID.toLowerCase(), true));
        assertThat(proven.outcome()).isEqualTo(Outcome.CLAIM);
        assertThat(proven.verifiedOrcid()).isEqualTo(ORCID);
    }

    @Test
    void theProvenOrcidTakesOverAnUnverifiedClaimButNotAVerifiedOne() {
        ExistingClaim unverified = new ExistingClaim("b", null);
        assertThat(decide(ORCID, unverified, new Claimant("r", ORCID, true)).outcome()).isEqualTo(Outcome.TAKE_OVER);
        assertThat(decide(ORCID, new ExistingClaim("b", OTHER), new Claimant("r", ORCID, true)).outcome())
                .as("a proof of another iD than the record's is no verification").isEqualTo(Outcome.TAKE_OVER);
        assertThat(decide(ORCID, unverified, new Claimant("c", null, true)).refusal())
                .as("without proof nobody contests").isEqualTo(Refusal.ORCID_REQUIRED);

        assertThat(decide(ORCID, new ExistingClaim("r", ORCID), new Claimant("s", ORCID, true)).refusal())
                .isEqualTo(Refusal.CLAIMED_BY_ANOTHER_USER);
    }

    @Test
    void theOwnerClaimingAgainChangesNothingUnlessTheyNowProveTheRecordsOrcid() {
        assertThat(decide(ORCID, new ExistingClaim("r", ORCID), new Claimant("r", ORCID, true)).outcome())
                .isEqualTo(Outcome.ALREADY_YOURS);
        assertThat(decide(ORCID, new ExistingClaim("b", null), new Claimant("b", null, true)).outcome())
                .isEqualTo(Outcome.ALREADY_YOURS);
        Decision verify = decide(ORCID, new ExistingClaim("b", null), new Claimant("b", ORCID, true));
        assertThat(verify.outcome()).isEqualTo(Outcome.VERIFY);
        assertThat(verify.verifiedOrcid()).isEqualTo(ORCID);
    }

    @Test
    void aRecordWithoutOrcidIsClaimedWithoutProofFirstComeFirstServed() {
        Decision unverified = decide(null, null, new Claimant("b", null, false));
        assertThat(unverified.outcome()).isEqualTo(Outcome.CLAIM);
        assertThat(unverified.verifiedOrcid()).isNull();
        assertThat(decide(null, null, new Claimant("b", ORCID, true)).verifiedOrcid())
                .as("a proven iD is kept for when the record carries it").isEqualTo(ORCID);
        assertThat(decide(null, null, new Claimant("b", ORCID, false)).verifiedOrcid()).isNull();

        assertThat(decide(null, new ExistingClaim("b", null), new Claimant("c", ORCID, true)).refusal())
                .isEqualTo(Refusal.CLAIMED_BY_ANOTHER_USER);
        assertThat(decide(null, new ExistingClaim("b", null), new Claimant("b", null, false)).outcome())
                .isEqualTo(Outcome.ALREADY_YOURS);
    }

    private static Decision decide(String recordOrcid, ExistingClaim existing, Claimant claimant) {
        return ClaimRules.decide(recordOrcid, existing, claimant);
    }

    @Test
    void aMergedAuthorsClaimMovesOnlyWhereItsOwnerCouldClaimTheSurvivor() {
        ExistingClaim unverified = new ExistingClaim("u", null);
        ExistingClaim verified = new ExistingClaim("u", ORCID);
        assertThat(ClaimRules.onMerge(null, true, null, null)).isEqualTo(MergedClaim.NONE);
        assertThat(ClaimRules.onMerge(unverified, true, null, null)).isEqualTo(MergedClaim.MOVE);
        assertThat(ClaimRules.onMerge(verified, true, "https://orcid.org/" + ORCID, null)).isEqualTo(MergedClaim.MOVE);
        assertThat(ClaimRules.onMerge(unverified, true, ORCID, null))
                .as("an unverified claim never lands on a record with an ORCID iD").isEqualTo(MergedClaim.KEEP);
        assertThat(ClaimRules.onMerge(verified, true, OTHER, null)).isEqualTo(MergedClaim.KEEP);
        assertThat(ClaimRules.onMerge(unverified, false, null, null))
                .as("a survivor without a record yet").isEqualTo(MergedClaim.KEEP);
        assertThat(ClaimRules.onMerge(unverified, true, null, new ExistingClaim("v", null)))
                .as("another user's claim stands").isEqualTo(MergedClaim.KEEP);
        assertThat(ClaimRules.onMerge(verified, true, ORCID, new ExistingClaim("u", ORCID)))
                .isEqualTo(MergedClaim.DROP);
    }
}
