package org.bzpeer.ingest.work.format;

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
}
