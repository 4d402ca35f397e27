package org.bzpeer.profile.author.api;

import java.util.List;
import java.util.Map;

import org.bzpeer.profile.author.store.WorkRecord;

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

    static WorkItem from(WorkRecord row) {
        return new WorkItem(row.workId(), row.type(), row.publicationYear(), row.publicationDate(),
                row.venueName() == null ? null : new Venue(row.venueName(), row.venueType()), row.title(),
                row.abstractText(),
                new Identifiers(row.doi(), row.arxivId(), row.openalexId(), row.pmid(), row.otherIds()),
                row.authors().stream().map(author -> new Author(author.id(), author.name())).toList(),
                row.topics().stream().map(topic -> new Topic(topic.id(), topic.name(), topic.score())).toList(),
                row.retracted());
    }
}
