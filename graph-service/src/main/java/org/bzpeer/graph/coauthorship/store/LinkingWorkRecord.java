package org.bzpeer.graph.coauthorship.store;

/** A work shared by the two authors of step {@code step} of a path. */
public record LinkingWorkRecord(int step, String workId, String title, Integer publicationYear) {
}
