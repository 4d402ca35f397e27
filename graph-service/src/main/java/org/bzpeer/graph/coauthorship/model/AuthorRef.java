package org.bzpeer.graph.coauthorship.model;

/** An author as the explorer shows them: id and the name printed on their most recent work. */
public record AuthorRef(String id, String name) {
}
