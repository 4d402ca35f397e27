package org.bzpeer.graph.coauthorship.store;

import java.util.List;

/** The first rows of a ranked list and how many rows the whole list has. */
public record RankedRows<T>(List<T> rows, long total) {

    public RankedRows {
        rows = List.copyOf(rows);
    }

    /** How many rows of the list are not among {@link #rows}. */
    public long omitted() {
        return total - rows.size();
    }
}
