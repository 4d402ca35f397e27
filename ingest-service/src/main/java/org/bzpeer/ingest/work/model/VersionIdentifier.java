package org.bzpeer.ingest.work.model;

/**
 * An identifier of another version of a submitted work (its preprint, its published version, an identical copy):
 * the importer counts it as naming the same work, so the versions meet as one work whichever arrives first.
 *
 * @param scheme lower-case identifier scheme ({@code doi}, {@code arxiv}, ...)
 * @param value  the normalised identifier
 */
public record VersionIdentifier(String scheme, String value) {
}
