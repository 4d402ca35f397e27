package org.bzpeer.ingest.work.model;

/**
 * An affiliation on one authorship.
 *
 * @param id          scheme-prefixed id, e.g. {@code openalex:I134085113}, or null
 * @param name        display name; never blank
 * @param ror         ROR id without resolver (03yez3163), or null
 * @param countryCode ISO 3166-1 alpha-2 code, or null
 */
public record SubmittedInstitution(String id, String name, String ror, String countryCode) {
}
