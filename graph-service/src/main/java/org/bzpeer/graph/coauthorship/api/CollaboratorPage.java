package org.bzpeer.graph.coauthorship.api;

import java.util.List;

/**
 * A page of an author's distinct co-authors, most shared works first; {@code nextCursor} is null on the last page,
 * {@code total} counts all of them.
 */
record CollaboratorPage(List<Collaborator> items, String nextCursor, long total) {

    /**
     * A co-author, the works shared with the author, the first and last publication year among them (null when
     * none has a known year), and whether that makes them a close collaborator.
     */
    record Collaborator(AuthorRef author, long sharedWorks, Integer firstSharedYear, Integer lastSharedYear,
            boolean close) {
    }

    /** An author as lists show them: id and the name printed on their most recent work. */
    record AuthorRef(String id, String name) {
    }
}
