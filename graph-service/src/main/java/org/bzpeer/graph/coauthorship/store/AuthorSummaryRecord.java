package org.bzpeer.graph.coauthorship.store;

/** A known author's current name and neighbourhood summary, as stored. */
public record AuthorSummaryRecord(String authorId, String name, long revision, int workCount, int coauthorCount,
        int closeCollaboratorCount, int topicCount, int institutionCount) {
}
