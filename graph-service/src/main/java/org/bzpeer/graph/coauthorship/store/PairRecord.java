package org.bzpeer.graph.coauthorship.store;

/** A co-author pair seen from {@code authorId}: the two and the works they share. */
public record PairRecord(String authorId, String coauthorId, long sharedWorks) {
}
