package org.bzpeer.ingest.work.format;

import java.util.List;
import java.util.function.Supplier;

import org.bzpeer.ingest.work.model.SubmittedWork;

import tools.jackson.databind.JsonNode;

/** Turns one JSON record of a source format into a {@link SubmittedWork}, or rejects it naming the field. */
public non-sealed interface WorkFormat extends SourceFormat {

    /**
     * Parses and normalises one record.
     *
     * @throws RejectedRecordException when a required field is missing or a field is malformed
     */
    SubmittedWork parse(JsonNode record);

    /**
     * The works one record holds, in record order, each parsed when its supplier is called, so that a malformed one
     * is rejected alone ({@link RejectedRecordException} naming its field as a path in the record). A record of most
     * formats is one work, {@link #parse}d; a record of a person's works ({@link OrcidRecordFormat}) holds any number
     * of them, none too.
     *
     * @throws RejectedRecordException when the record as a whole cannot be read
     */
    default List<Supplier<SubmittedWork>> works(JsonNode record) {
        return List.of(() -> parse(record));
    }

    /**
     * Where a list page of this source holds its records, as property paths from the page's root object: a JSON body
     * that is an object with an array at one of these paths is a page, and each element of that array is a record
     * (read one at a time, never the page whole). Empty when the source has no list pages.
     */
    default List<List<String>> pageRecordArrays() {
        return List.of();
    }
}
