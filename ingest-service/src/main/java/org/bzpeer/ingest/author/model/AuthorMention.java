package org.bzpeer.ingest.author.model;

import java.util.Map;
import java.util.Set;

/**
 * One authorship as author resolution sees it: who printed it where, the identifiers it carries, and the context that
 * tells namesakes apart.
 *
 * @param workId       the work
 * @param position     0-based byline position
 * @param name         the printed name taken apart; never null
 * @param orcid        the ORCID iD, bare, or null
 * @param sourceIds    identifiers a source gives the person, by scheme (openalex, dblp, ...), without orcid
 * @param coauthors    {@link PersonName#block} keys of the other authorships of the work
 * @param institutions institution ids (or folded names) on this authorship
 * @param venue        the venue's id or folded name, or null
 * @param topics       topic ids or names of the work
 * @param year         publication year, or null
 * @param date         publication date (ISO-8601, yyyy-MM-dd), or null
 */
public record AuthorMention(String workId, int position, PersonName name, String orcid, Map<String, String> sourceIds,
        Set<String> coauthors, Set<String> institutions, String venue, Set<String> topics, Integer year,
        String date) {

    public AuthorMention {
        sourceIds = Map.copyOf(sourceIds);
        coauthors = Set.copyOf(coauthors);
        institutions = Set.copyOf(institutions);
        topics = Set.copyOf(topics);
    }

    /** Whether the mention carries an identifier of the person (ORCID or a source's id). */
    public boolean identified() {
        return orcid != null || !sourceIds.isEmpty();
    }
}
