package org.bzpeer.graph.coauthorship.api;

import org.bzpeer.graph.coauthorship.store.AuthorSummaryRecord;

/** An author's current neighbourhood summary: the figures of their latest {@code author.graph.updated}. */
record GraphSummary(String authorId, long revision, int workCount, int coauthorCount, int closeCollaboratorCount,
        int topicCount, int institutionCount) {

    static GraphSummary from(AuthorSummaryRecord summary) {
        return new GraphSummary(summary.authorId(), summary.revision(), summary.workCount(), summary.coauthorCount(),
                summary.closeCollaboratorCount(), summary.topicCount(), summary.institutionCount());
    }
}
