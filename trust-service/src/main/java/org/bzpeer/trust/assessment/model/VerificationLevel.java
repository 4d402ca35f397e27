package org.bzpeer.trust.assessment.model;

/** How far an author record is verified; each level includes the one below. */
public enum VerificationLevel {
    /** No public record: no imported work and no claim. */
    L0,
    /** A public author record with imported works, not claimed. */
    L1,
    /** Claimed by a signed-in user. */
    L2,
    /** Claimed, and the claimant proved the ORCID iD the record carries. */
    L3
}
