package org.bzpeer.profile.author.store;

import java.util.List;
import java.util.Map;

/**
 * One author row of the read model with its counters, whether a user claimed it, graph summary and trust (null until
 * graph-service and trust-service have reported on the author; {@code trustComponents} the components explaining
 * the score, read from their stored JSON once, when the record is read), and what its owner wrote ({@code description} null when none). {@code pageRevision} is the
 * author's page revision read in the same statement as the fields: a record is never older than its revision.
 */
public record AuthorRecord(String authorId, String displayName, String orcid, String affiliationId,
        String affiliationName, long workCount, long followerCount, Integer coauthorCount,
        Integer closeCollaboratorCount, Integer topicCount, Integer institutionCount, Integer trustScore,
        String trustBand, String verificationLevel, List<TrustComponent> trustComponents, Boolean claimed, String description,
        boolean openToCollaborate, Map<String, String> externalIds, long pageRevision) {

    /** One part of the trust score and why it scored what it did. */
    public record TrustComponent(String name, int points, int maxPoints, String reason) {
    }

    AuthorRecord withExternalIds(Map<String, String> ids) {
        return new AuthorRecord(authorId, displayName, orcid, affiliationId, affiliationName, workCount,
                followerCount, coauthorCount, closeCollaboratorCount, topicCount, institutionCount, trustScore,
                trustBand, verificationLevel, trustComponents, claimed, description, openToCollaborate,
                Map.copyOf(ids), pageRevision);
    }
}
