package org.bzpeer.graph.coauthorship.model;

import java.util.List;

/**
 * The first of an author's topics or institutions, most works first (then most recent, then id), and how many the
 * author has in all.
 */
public record RankedEntries(String authorId, List<Entry> items, long total) {

    /**
     * One topic or institution: its id (or {@code name:} and its normalised name when it has none), its name, the
     * author's works listing it, and the first and last publication year among them (null when none has one).
     */
    public record Entry(String id, String name, int works, Integer firstYear, Integer lastYear) {
    }

    public RankedEntries {
        items = List.copyOf(items);
    }
}
