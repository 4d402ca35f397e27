package org.bzpeer.trust.assessment.store;

import java.time.Instant;

import org.bzpeer.trust.assessment.model.TrustAssessment;

/** An author's assessment as stored: {@code revision} grows by one with every change, {@code computedAt} is its time. */
public record StoredAssessment(String authorId, long revision, TrustAssessment assessment, Instant computedAt) {
}
