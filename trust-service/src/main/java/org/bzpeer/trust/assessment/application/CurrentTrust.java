package org.bzpeer.trust.assessment.application;

import java.time.Instant;

import org.bzpeer.trust.assessment.model.TrustAssessment;

/** An author's current assessment, its revision and time, and how many users follow the author. */
public record CurrentTrust(String authorId, TrustAssessment assessment, long revision, Instant computedAt,
        long followers) {
}
