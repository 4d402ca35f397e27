package org.bzpeer.graph.coauthorship.store;

/** A stored work as lists show it: id, title (null when it has none), year (null when unknown), byline size. */
public record WorkRecord(String workId, String title, Integer publicationYear, int authorCount) {
}
