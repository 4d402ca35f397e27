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
 */
public record SubmittedAuthorship(
        String name, Map<String, String> ids, List<SubmittedInstitution> institutions, boolean corresponding) {

    public SubmittedAuthorship {
        ids = Map.copyOf(ids);
        institutions = List.copyOf(institutions);
    }
}
