package org.bzpeer.profile.author.store;

import java.util.Map;

/**
 * One author row of the read model with its counters, whether a user claimed it, and graph summary and trust (null
 * until graph-service and trust-service have reported on the author).
 */
public record AuthorRecord(String authorId, String displayName, String orcid, String affiliationId,
        String affiliationName, long workCount, long followerCount, Integer coauthorCount, Integer closeCollaboratorCount,
        Integer topicCount, Integer institutionCount, Integer trustScore, String trustBand,
        String verificationLevel, Boolean claimed, Map<String, String> externalIds) {

    AuthorRecord(String authorId, String displayName, String orcid, String affiliationId, String affiliationName,
            long workCount, long followerCount, Integer coauthorCount, Integer closeCollaboratorCount, Integer topicCount,
            Integer institutionCount, Integer trustScore, String trustBand, String verificationLevel,
            Boolean claimed) {
        this(authorId, displayName, orcid, affiliationId, affiliationName, workCount, followerCount, coauthorCount,
                closeCollaboratorCount, topicCount, institutionCount, trustScore, trustBand, verificationLevel,
                claimed, Map.of());
    }

    AuthorRecord withExternalIds(Map<String, String> ids) {
        return new AuthorRecord(authorId, displayName, orcid, affiliationId, affiliationName, workCount,
                followerCount, coauthorCount, closeCollaboratorCount, topicCount, institutionCount, trustScore, trustBand,
                verificationLevel, claimed, Map.copyOf(ids));
    }
}
