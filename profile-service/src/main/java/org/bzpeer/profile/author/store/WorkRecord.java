package org.bzpeer.profile.author.store;

/**
 * One work of an author's list; JSON columns as stored ({@code otherIdsJson} by scheme, {@code authorsJson} the
 * byline, {@code topicsJson} the topics), {@code position} its page key.
 */
public record WorkRecord(String workId, String type, String title, Integer publicationYear, String publicationDate,
        String venueName, String venueType, String doi, String arxivId, String openalexId, String pmid,
        String otherIdsJson, boolean retracted, String abstractText, String authorsJson, String topicsJson,
        WorkListPosition position) {
}
