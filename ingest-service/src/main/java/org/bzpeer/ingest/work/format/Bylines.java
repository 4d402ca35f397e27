package org.bzpeer.ingest.work.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.kit.text.Names;

/**
 * The byline rules every source format shares: an author listed twice in one work is one authorship, at the first
 * place. An author is the same when an author id repeats (any scheme), or, for authorships without any id, when the
 * {@link Names#matchKey name} repeats (arXiv lists some names twice).
 */
final class Bylines {

    private final List<SubmittedAuthorship> authorships = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** Adds {@code authorship} unless an earlier one is the same author; returns whether it was added. */
    boolean add(SubmittedAuthorship authorship) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> id : authorship.ids().entrySet()) {
            keys.add(id.getKey() + ":" + id.getValue());
        }
        if (keys.isEmpty()) {
            keys.add("name:" + Names.matchKey(authorship.name()));
        }
        if (keys.stream().anyMatch(seen::contains)) {
            return false;
        }
        seen.addAll(keys);
        authorships.add(authorship);
        return true;
    }

    /** The authorships kept, in byline order. */
    List<SubmittedAuthorship> authorships() {
        return List.copyOf(authorships);
    }
}
