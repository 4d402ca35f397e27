package org.bzpeer.ingest.work.model;

/**
 * Where a work was published.
 *
 * @param name display name; never blank
 * @param id   scheme-prefixed source id, e.g. {@code openalex:S68497187}, or null
 * @param type journal, conference, repository, book series, ... or null
 * @param issn linking ISSN, or null
 */
public record SubmittedVenue(String name, String id, String type, String issn) {
}
