package org.bzpeer.ingest.work.model;

/**
 * A topic a source assigns to a work.
 *
 * @param id    scheme-prefixed id, e.g. {@code openalex:T10102}, or null
 * @param name  display name; never blank
 * @param score the source's confidence in [0, 1], or null
 */
public record SubmittedTopic(String id, String name, Double score) {
}
