package org.bzpeer.profile.author.store;

/** One work of an author's list; {@code authorsJson} is the byline as stored, {@code position} its page key. */
public record WorkRecord(String workId, String type, String title, Integer publicationYear, String publicationDate,
        String venueName, String doi, String arxivId, String openalexId, boolean retracted, String authorsJson,
        WorkListPosition position) {
}
