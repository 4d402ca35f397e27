package org.bzpeer.profile.author.api;

import java.util.List;

import org.bzpeer.profile.author.store.WorkRecord;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** One published item of an author's list, as the page shows it. */
record WorkItem(String id, String type, Integer publicationYear, String publicationDate, String venue, String title,
        Identifiers identifiers, List<Author> authors, boolean retracted) {

    record Identifiers(String doi, String arxiv, String openalex) {
    }

    record Author(String id, String name) {
    }

    static WorkItem from(WorkRecord row, JsonMapper json) {
        List<Author> authors = json.readValue(row.authorsJson(), new TypeReference<List<Author>>() {
        });
        return new WorkItem(row.workId(), row.type(), row.publicationYear(), row.publicationDate(), row.venueName(),
                row.title(), new Identifiers(row.doi(), row.arxivId(), row.openalexId()), authors, row.retracted());
    }
}
