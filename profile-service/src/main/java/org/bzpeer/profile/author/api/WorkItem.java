package org.bzpeer.profile.author.api;

import java.util.List;
import java.util.Map;

import org.bzpeer.profile.author.store.WorkRecord;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** One published item of an author's list, as the page shows it. */
record WorkItem(String id, String type, Integer publicationYear, String publicationDate, Venue venue, String title,
        String abstractText, Identifiers identifiers, List<Author> authors, List<Topic> topics, boolean retracted) {

    record Venue(String name, String type) {
    }

    /** {@code other} holds further identifiers by scheme. */
    record Identifiers(String doi, String arxiv, String openalex, String pmid, Map<String, String> other) {
    }

    record Author(String id, String name) {
    }

    record Topic(String id, String name, Double score) {
    }

    static WorkItem from(WorkRecord row, JsonMapper json) {
        List<Author> authors = json.readValue(row.authorsJson(), new TypeReference<List<Author>>() {
        });
        List<Topic> topics = json.readValue(row.topicsJson(), new TypeReference<List<Topic>>() {
        });
        Map<String, String> other = json.readValue(row.otherIdsJson(), new TypeReference<Map<String, String>>() {
        });
        return new WorkItem(row.workId(), row.type(), row.publicationYear(), row.publicationDate(),
                row.venueName() == null ? null : new Venue(row.venueName(), row.venueType()), row.title(),
                row.abstractText(), new Identifiers(row.doi(), row.arxivId(), row.openalexId(), row.pmid(), other),
                authors, topics, row.retracted());
    }
}
