package org.bzpeer.graph.coauthorship.store;

/**
 * One of an author's topics or institutions: its key, its name as printed on the most recent of the author's works
 * listing it, how many of their works list it, and the first and last publication year among those works (null when
 * none has a known year).
 */
public record RankedEntryRecord(String key, String name, int works, Integer firstYear, Integer lastYear) {
}
