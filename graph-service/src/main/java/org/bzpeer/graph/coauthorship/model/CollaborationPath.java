package org.bzpeer.graph.coauthorship.model;

import java.util.List;

/**
 * The collaboration distance between two authors: a shortest chain of co-authorships of at most {@code maxHops}
 * steps, each with the most recent works linking its two authors, or the answer that there is none within
 * {@code maxHops}.
 *
 * @param from           where the chain starts
 * @param to             where it ends
 * @param maxHops        the longest chain looked for
 * @param connected      whether a chain of at most {@code maxHops} steps exists
 * @param distance       its number of steps (0 from an author to themselves); null when not connected
 * @param steps          in order from {@code from} to {@code to}; empty when not connected
 * @param searchComplete false when the search stopped at its frontier limit before reaching {@code maxHops}, so a
 *                       chain may exist although none was found
 */
public record CollaborationPath(AuthorRef from, AuthorRef to, int maxHops, boolean connected, Integer distance,
        List<Step> steps, boolean searchComplete) {

    /** One co-authorship of the chain: the works the two share, and the most recent of them. */
    public record Step(AuthorRef from, AuthorRef to, long sharedWorks, List<LinkingWork> works) {

        public Step {
            works = List.copyOf(works);
        }
    }

    /** A work linking a step's two authors. */
    public record LinkingWork(String id, String title, Integer year) {
    }

    public CollaborationPath {
        steps = List.copyOf(steps);
    }
}
