package org.bzpeer.profile.author.api;

import java.util.Map;

import org.bzpeer.profile.author.store.AuthorRecord;

/**
 * A researcher page's data. {@code affiliation} is null when none was imported; {@code trust} is null until
 * trust-service has assessed the author; counters the graph has not summarised yet are 0.
 */
record AuthorProfile(String id, String name, String orcid, Map<String, String> externalIds, Affiliation affiliation,
        boolean claimed, Counts counts, Trust trust) {

    record Affiliation(String id, String name) {
    }

    record Counts(long works, long followers, int topics, int coauthors, int closeCollaborators, int institutions) {
    }

    /** {@code label} reads as on the page, e.g. "21 - Emerging". */
    record Trust(int score, String band, String label, String verificationLevel) {
    }

    static AuthorProfile from(AuthorRecord author) {
        Affiliation affiliation = author.affiliationName() == null ? null
                : new Affiliation(author.affiliationId(), author.affiliationName());
        Counts counts = new Counts(author.workCount(), author.followerCount(), orZero(author.topicCount()), orZero(author.coauthorCount()),
                orZero(author.closeCollaboratorCount()), orZero(author.institutionCount()));
        Trust trust = author.trustScore() == null ? null : new Trust(author.trustScore(), author.trustBand(),
                author.trustScore() + " - " + author.trustBand(), author.verificationLevel());
        return new AuthorProfile(author.authorId(), author.displayName(), author.orcid(), author.externalIds(),
                affiliation, Boolean.TRUE.equals(author.claimed()), counts, trust);
    }

    private static int orZero(Integer count) {
        return count == null ? 0 : count;
    }
}
