package org.bzpeer.graph.coauthorship.store;

/**
 * A co-author of some author: their id, current name, how many works the two share and the first and last
 * publication year among those works (null when none has a known year).
 */
public record CollaboratorRecord(String authorId, String name, long sharedWorks, Integer firstSharedYear,
        Integer lastSharedYear) {
}
