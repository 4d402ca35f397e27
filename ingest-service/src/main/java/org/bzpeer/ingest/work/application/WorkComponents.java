package org.bzpeer.ingest.work.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.ingest.work.store.IdentityStore.Link;
import org.bzpeer.ingest.work.store.IdentityStore.TitleKey;

/**
 * Which work each identifier of a batch names. Identifiers a record lists together name one work, and so do
 * identifiers already linked to one work: each connected set of identifiers is one work, whose id derives from the
 * best identifier in the set ({@link #BEST_FIRST}). So the id is a function of the records seen, not of their order;
 * when a record joins sets that had ids of their own, every id but the surviving one is retired. Sets only grow
 * (identifiers are never unlinked), so a retired id never comes back. Not thread-safe; one per batch.
 *
 * <p>A copy (a record without any identifier, known by its title fingerprint only) is also the identified work its
 * {@link WorkTitleKeys title key} points to ({@link #joinByTitle}): when the records with identifiers that share its
 * title key and lie within one year of it all belong to one work, the copy joins that work; when they belong to
 * several works it is ambiguous and stays a work of its own. Two works that have identifiers are never joined on
 * their titles (an erratum or a second edition has its own DOI). Unlike identifiers, a copy's fingerprint is never
 * linked to the work it joins: the join is decided again from the current records whenever a batch touches the
 * title key, so a copy that a second identified work makes ambiguous leaves the first again, and the outcome is the
 * same whatever the order of arrival.
 */
final class WorkComponents {

    static final String TITLE_FINGERPRINT = "title-fingerprint";
    private static final List<String> PRIORITY = List.of("doi", "openalex", "arxiv", "pmid", "pmcid");

    /** Best identifier first: by scheme priority, other schemes next by name, a title fingerprint last, then value. */
    static final Comparator<Key> BEST_FIRST = Comparator.comparingInt(WorkComponents::rank)
            .thenComparing(Key::scheme)
            .thenComparing(Key::value);

    private final Map<Key, String> linked;
    private final Map<Key, Key> parent = new HashMap<>();
    private Map<Key, String> workIds;
    private Set<Key> identifiedRoots;
    private final Map<String, String> copies = new TreeMap<>();

    /** @param linked every identifier of every work the batch touches, with the work it is linked to */
    WorkComponents(Map<Key, String> linked) {
        this.linked = Map.copyOf(linked);
        Map<String, Key> firstByWork = new HashMap<>();
        linked.forEach((key, workId) -> union(key, firstByWork.computeIfAbsent(workId, id -> key)));
    }

    /** Records that {@code keys} (one record's identifiers) name the same work. */
    void sameWork(List<Key> keys) {
        keys.forEach(key -> union(keys.get(0), key));
    }

    /**
     * Decides which copies among {@code titleKeys} join which identified work: the one work whose records share the
     * copy's title key and lie within one year of it, if there is exactly one. Call once every record's identifiers
     * are known ({@link #sameWork}); every key named must be linked or a record's.
     */
    void joinByTitle(Collection<TitleKey> titleKeys) {
        Map<String, List<TitleKey>> identifiedByTitle = new HashMap<>();
        titleKeys.stream().filter(key -> !key.knownBy().scheme().equals(TITLE_FINGERPRINT))
                .forEach(key -> identifiedByTitle.computeIfAbsent(key.titleKey(), title -> new ArrayList<>())
                        .add(key));
        for (TitleKey copy : titleKeys) {
            Key fingerprint = copy.knownBy();
            if (!fingerprint.scheme().equals(TITLE_FINGERPRINT) || identified(fingerprint)) {
                continue;
            }
            Set<String> matchingWorks = new HashSet<>();
            identifiedByTitle.getOrDefault(copy.titleKey(), List.of()).stream()
                    .filter(key -> Math.abs(key.year() - copy.year()) <= 1)
                    .forEach(key -> matchingWorks.add(workIdOf(key.knownBy())));
            copies.put(workIdOf(fingerprint), matchingWorks.size() == 1 ? matchingWorks.iterator().next() : null);
        }
    }

    /**
     * The copies {@link #joinByTitle} decided on, by their own work id, each with the work it joins, or null when it
     * stays a work of its own.
     */
    Map<String, String> copies() {
        return copies;
    }

    /** Whether the work {@code key} names has an identifier other than a title fingerprint. */
    private boolean identified(Key key) {
        if (identifiedRoots == null) {
            identifiedRoots = new HashSet<>();
            parent.keySet().stream().filter(other -> !other.scheme().equals(TITLE_FINGERPRINT))
                    .forEach(other -> identifiedRoots.add(root(other)));
        }
        return identifiedRoots.contains(root(key));
    }

    /** The id of the work {@code key} names; call once every record is known. */
    String workIdOf(Key key) {
        return resolved().get(key);
    }

    /** Every identifier of the works the batch touches: those linked before and those of its records. */
    Set<Key> keys() {
        return Set.copyOf(parent.keySet());
    }

    /** Identifiers not linked to any work yet, with the work they now name. */
    List<Link> newLinks() {
        List<Link> links = new ArrayList<>();
        resolved().forEach((key, workId) -> {
            if (!linked.containsKey(key)) {
                links.add(new Link(key, workId));
            }
        });
        return links;
    }

    /** Work ids that no longer name a work, each with the id of the work it became. */
    Map<String, String> retiredWorkIds() {
        Map<String, String> retired = new LinkedHashMap<>();
        linked.forEach((key, oldId) -> {
            String survivor = resolved().get(key);
            if (!survivor.equals(oldId)) {
                retired.put(oldId, survivor);
            }
        });
        return retired;
    }

    private Map<Key, String> resolved() {
        if (workIds == null) {
            Map<Key, Key> best = new HashMap<>();
            for (Key key : parent.keySet()) {
                best.merge(root(key), key, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
            workIds = new HashMap<>();
            for (Key key : parent.keySet()) {
                workIds.put(key, BzpeerIds.workId(best.get(root(key))));
            }
        }
        return workIds;
    }

    private void union(Key a, Key b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        Key rootA = root(a);
        Key rootB = root(b);
        if (!rootA.equals(rootB)) {
            parent.put(rootA, rootB);
        }
        workIds = null;
        identifiedRoots = null;
    }

    private Key root(Key key) {
        Key root = key;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        Key next = key;
        while (!next.equals(root)) {
            Key up = parent.get(next);
            parent.put(next, root);
            next = up;
        }
        return root;
    }

    private static int rank(Key key) {
        if (key.scheme().equals(TITLE_FINGERPRINT)) {
            return PRIORITY.size() + 1;
        }
        int rank = PRIORITY.indexOf(key.scheme());
        return rank < 0 ? PRIORITY.size() : rank;
    }
}
