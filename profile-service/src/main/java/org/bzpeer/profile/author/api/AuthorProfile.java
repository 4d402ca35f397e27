package org.bzpeer.profile.author.api;

import java.util.List;
import java.util.Map;

import org.bzpeer.profile.author.application.ResearcherPages.Page;
import org.bzpeer.profile.author.store.AuthorRecord;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A researcher page's data. {@code affiliation} is null when none was imported ("Affiliation not imported");
 * {@code description} is the owner's text or one generated from the record ({@code descriptionSource}); {@code trust}
 * is null until trust-service has assessed the author; counters the graph has not summarised yet are 0;
 * {@code viewer} is present only for a signed-in reader.
 */
record AuthorProfile(String id, String name, String orcid, Map<String, String> externalIds, Affiliation affiliation,
        String description, String descriptionSource, boolean openToCollaborate, boolean claimed, Counts counts,
        Trust trust, @JsonInclude(JsonInclude.Include.NON_NULL) Viewer viewer) {

    record Affiliation(String id, String name) {
    }

    record Counts(long works, long followers, int topics, int coauthors, int closeCollaborators, int institutions) {
    }

    /** {@code label} reads as on the page, e.g. "21 - Emerging"; each component says why it scored what it did. */
    record Trust(int score, String band, String label, String verificationLevel, boolean claimed,
            List<Component> components) {
    }

    record Component(String name, int points, int maxPoints, String reason) {
    }

    record Viewer(boolean following, boolean owner) {
    }

    static AuthorProfile from(Page page) {
        AuthorRecord author = page.author();
        Affiliation affiliation = author.affiliationName() == null ? null
                : new Affiliation(author.affiliationId(), author.affiliationName());
        Counts counts = new Counts(author.workCount(), author.followerCount(), orZero(author.topicCount()),
                orZero(author.coauthorCount()), orZero(author.closeCollaboratorCount()),
                orZero(author.institutionCount()));
        boolean claimed = Boolean.TRUE.equals(author.claimed());
        Trust trust = author.trustScore() == null ? null : new Trust(author.trustScore(), author.trustBand(),
                author.trustScore() + " - " + author.trustBand(), author.verificationLevel(), claimed,
                author.trustComponents().stream().map(component -> new Component(component.name(),
                        component.points(), component.maxPoints(), component.reason())).toList());
        Viewer viewer = page.viewer() == null ? null
                : new Viewer(page.viewer().following(), page.viewer().owner());
        return new AuthorProfile(author.authorId(), author.displayName(), author.orcid(), author.externalIds(),
                affiliation, page.description().text(), page.description().source(), author.openToCollaborate(),
                claimed, counts, trust, viewer);
    }

    private static int orZero(Integer count) {
        return count == null ? 0 : count;
    }
}
