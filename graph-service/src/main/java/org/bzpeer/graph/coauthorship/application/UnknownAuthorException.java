package org.bzpeer.graph.coauthorship.application;

/** No stored work lists the author (or they are not summarised yet). */
public class UnknownAuthorException extends RuntimeException {

    private final String authorId;

    public UnknownAuthorException(String authorId) {
        super("No author with id '" + authorId + "'");
        this.authorId = authorId;
    }

    public String authorId() {
        return authorId;
    }
}
