package org.bzpeer.trust.assessment.api;

import java.time.Instant;
import java.util.List;

import org.bzpeer.trust.assessment.application.CurrentTrust;
import org.bzpeer.trust.assessment.model.TrustAssessment;

/**
 * An author's trust as clients read it: {@code label} reads as on the page ("21 - Emerging"); the components sum to
 * the score (which is never below 0); {@code revision} grows with every change; {@code followers} is shown beside the
 * score but is not part of it.
 */
record AuthorTrust(String authorId, int score, String band, String label, String verificationLevel, boolean claimed,
        long followers, List<Component> components, long revision, Instant computedAt) {

    /** One part of the score; a penalty has negative points and maxPoints 0. */
    record Component(String name, int points, int maxPoints, String explanation) {
    }

    static AuthorTrust from(CurrentTrust current) {
        TrustAssessment assessment = current.assessment();
        return new AuthorTrust(current.authorId(), assessment.score(), assessment.band().label(),
                assessment.label(), assessment.verificationLevel().name(), assessment.claimed(), current.followers(),
                assessment.components().stream()
                        .map(part -> new Component(part.name(), part.points(), part.maxPoints(), part.explanation()))
                        .toList(),
                current.revision(), current.computedAt());
    }
}
