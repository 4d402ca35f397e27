package org.bzpeer.trust.assessment.store;

import org.bzpeer.trust.assessment.model.AuthorFacts;

/**
 * An author's facts as stored now, with the current assessment ({@code current} null when never assessed);
 * {@code retired} when a merge retired the author id.
 */
public record AuthorState(String authorId, AuthorFacts facts, StoredAssessment current, boolean retired) {

    /**
     * Whether the author is known: a public record (a work) or a claim, and not retired by a merge. A graph summary
     * alone does not make an author known, and an author who lost every work and claim, or was merged into another,
     * is forgotten, as if never seen.
     */
    public boolean known() {
        return !retired && (facts.recordedWorks() > 0 || facts.claimed());
    }
}
