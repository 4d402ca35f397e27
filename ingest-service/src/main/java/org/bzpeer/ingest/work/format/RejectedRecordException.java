package org.bzpeer.ingest.work.format;

/**
 * A record that cannot be imported, naming the offending field as a JSON path relative to the record (e.g.
 * {@code authorships[2].ids.orcid}) and a human reason.
 */
public class RejectedRecordException extends RuntimeException {

    private final String field;

    public RejectedRecordException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
