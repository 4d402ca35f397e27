package org.bzpeer.trust.assessment.store;

import org.bzpeer.trust.assessment.model.AuthorFacts;

/** An author's facts as stored now, with the current assessment ({@code current} null when never assessed). */
public record AuthorState(String authorId, AuthorFacts facts, StoredAssessment current) {

    /**
     * Whether the author is known: a public record (a work) or a claim. A graph summary alone does not make an author
     * known, and an author who lost every work and claim is forgotten, as if never seen.
     */
    public boolean known() {
        return facts.recordedWorks() > 0 || facts.claimed();
    }
}
