package org.bzpeer.profile.author.store;

import java.util.List;

/**
 * Which of an author's works a list shows: publication years from {@code yearFrom} to {@code yearTo} (inclusive,
 * either open; a bounded range leaves out works of unknown year) and work {@code types} (any when empty).
 */
public record WorkFilter(Integer yearFrom, Integer yearTo, List<String> types) {

    public WorkFilter {
        types = List.copyOf(types);
    }

    /** Every work. */
    public static final WorkFilter ALL = new WorkFilter(null, null, List.of());
}
