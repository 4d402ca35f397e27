package org.bzpeer.ingest.work.application;

/** What became of one record of a submission, by its 0-based position in the request. */
public sealed interface RecordOutcome {

    int index();

    /** The record was imported; {@code change} says whether that published a new version. */
    record Imported(int index, Change change, String workId, long version) implements RecordOutcome {
    }

    /** The record was not imported; nothing of it was published. */
    record Rejected(int index, String field, String reason) implements RecordOutcome {
    }

    /** How an imported record changed the work it resolved to. */
    enum Change {
        CREATED, UPDATED, UNCHANGED
    }
}
