package org.bzpeer.graph.coauthorship.store;

/** A co-author of some author: their id, current name, and how many works the two share. */
public record CollaboratorRecord(String authorId, String name, long sharedWorks) {
}
