package org.bzpeer.trust.assessment.model;

import java.util.List;

/** The trust of one author: score 0 to 100, its band, the verification level, and the components that sum to it. */
public record TrustAssessment(int score, Band band, VerificationLevel verificationLevel, boolean claimed,
        List<ScoreComponent> components) {

    public TrustAssessment {
        components = List.copyOf(components);
    }

    /** The score as pages show it, e.g. "21 - Emerging". */
    public String label() {
        return score + " - " + band.label();
    }
}
