package org.bzpeer.profile.author.store;

import java.util.List;
import java.util.Map;

/**
 * One work of an author's list, as stored: further identifiers by scheme in {@code otherIds}, the byline in
 * {@code authors}, {@code position} its page key.
 */
public record WorkRecord(String workId, String type, String title, Integer publicationYear, String publicationDate,
        String venueName, String venueType, String doi, String arxivId, String openalexId, String pmid,
        Map<String, String> otherIds, boolean retracted, String abstractText, List<BylineAuthor> authors,
        List<WorkTopic> topics, WorkListPosition position) {

    /** An author as the work's byline names them. */
    public record BylineAuthor(String id, String name) {
    }

    /** A topic of the work with its score (null when the source gives none). */
    public record WorkTopic(String id, String name, Double score) {
    }

    /** Roughly the heap this record holds, in bytes: its characters (two bytes each) and a share per object. */
    public int approximateBytes() {
        int chars = length(workId) + length(type) + length(title) + length(publicationDate) + length(venueName)
                + length(venueType) + length(doi) + length(arxivId) + length(openalexId) + length(pmid)
                + length(abstractText) + position.sortTitle().length();
        int objects = 20;
        for (Map.Entry<String, String> other : otherIds.entrySet()) {
            chars += other.getKey().length() + other.getValue().length();
            objects += 3;
        }
        for (BylineAuthor author : authors) {
            chars += length(author.id()) + length(author.name());
            objects += 3;
        }
        for (WorkTopic topic : topics) {
            chars += length(topic.id()) + length(topic.name());
            objects += 4;
        }
        return 2 * chars + 32 * objects;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
