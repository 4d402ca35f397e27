package org.bzpeer.graph.coauthorship.store;

import java.util.List;

/**
 * What a bounded scan from an author's first-degree co-authors found: the strongest second-degree authors (weight:
 * works shared with the first-degree authors scanned) out of {@code candidates}, the pairs that link scanned
 * first-degree authors to shown second-degree ones or to each other, and whether some first-degree author had more
 * co-authors than the scan read, so that more candidates may exist.
 */
public record SecondDegreeRecords(List<CollaboratorRecord> authors, long candidates, List<PairRecord> links,
        boolean scanCapped) {

    public SecondDegreeRecords {
        authors = List.copyOf(authors);
        links = List.copyOf(links);
    }
}
