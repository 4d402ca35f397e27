package org.bzpeer.kit.batch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Of the events of one polled batch, the newest per aggregate: a batch may carry several versions of a work or
 * revisions of an author's summary, and only the highest counts. Keeps the order in which keys first appeared.
 */
public final class LatestPerKey {

    private LatestPerKey() {
    }

    /** The event with the highest {@code order} (version, revision) for each {@code key} of {@code events}. */
    public static <E> List<E> of(Collection<E> events, Function<E, String> key, ToLongFunction<E> order) {
        Map<String, E> latest = new LinkedHashMap<>();
        for (E event : events) {
            latest.merge(key.apply(event), event,
                    (kept, other) -> order.applyAsLong(other) > order.applyAsLong(kept) ? other : kept);
        }
        return List.copyOf(latest.values());
    }
}
