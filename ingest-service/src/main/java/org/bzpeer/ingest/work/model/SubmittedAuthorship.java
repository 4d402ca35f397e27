package org.bzpeer.ingest.work.model;

import java.util.List;
import java.util.Map;

/**
 * One author of a submitted work, in byline order.
 *
 * @param name          the name as printed, cleaned of invisible characters; never blank
 * @param ids           author identifiers by lower-case scheme: {@code orcid} (bare 0000-0000-0000-000X),
 *                      {@code openalex} (A123), or any pipeline's own scheme
 * @param institutions  affiliations on this work
 * @param corresponding whether this is a corresponding author
 * @param otherNames    other names the person says they publish under (an ORCID record's other names and the name it
 *                      gives besides the printed one), cleaned, none of them the printed name; empty for the
 *                      authorships of a byline
 */
public record SubmittedAuthorship(String name, Map<String, String> ids, List<SubmittedInstitution> institutions,
        boolean corresponding, List<String> otherNames) {

    public SubmittedAuthorship {
        ids = Map.copyOf(ids);
        institutions = List.copyOf(institutions);
        otherNames = otherNames == null ? List.of() : List.copyOf(otherNames);
    }

    /** An authorship of a byline, known by the name printed there alone. */
    public SubmittedAuthorship(String name, Map<String, String> ids, List<SubmittedInstitution> institutions,
            boolean corresponding) {
        this(name, ids, institutions, corresponding, List.of());
    }
}
