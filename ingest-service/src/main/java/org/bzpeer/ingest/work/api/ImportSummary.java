package org.bzpeer.ingest.work.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.bzpeer.ingest.work.application.RecordOutcome;

/**
 * The per-record result of one body: how many records arrived and what became of them; one error per rejected
 * record, naming it by 0-based position, the offending field (a JSON path in the record) and the reason, the first
 * {@link #MAX_ERRORS} of them ({@code errorsOmitted} counts the rest; the import's report at {@code report} keeps
 * them too). {@code importId} and {@code part} say which import and part the body was.
 */
public record ImportSummary(UUID importId, int part, String report, int received, int created, int updated,
        int unchanged, int rejected, List<RecordError> errors, int errorsOmitted) {

    /** Errors listed in a response at most, so a body of any size gets an answer of bounded size. */
    static final int MAX_ERRORS = 10_000;

    /** Why one record was rejected. */
    public record RecordError(int record, String field, String reason) {
    }

    static ImportSummary empty(UUID importId, int part) {
        return new ImportSummary(importId, part, "/api/v1/imports/" + importId, 0, 0, 0, 0, 0, List.of(), 0);
    }

    ImportSummary plus(List<RecordOutcome> outcomes) {
        RecordOutcome.Tally tally = RecordOutcome.Tally.of(outcomes);
        List<RecordError> errors = new ArrayList<>(this.errors);
        for (RecordOutcome.Rejected error : tally.rejected()) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(new RecordError(error.index(), error.field(), error.reason()));
            }
        }
        errors.sort(Comparator.comparingInt(RecordError::record));
        int rejected = this.rejected + tally.rejected().size();
        return new ImportSummary(importId, part, report, received + outcomes.size(), created + tally.created(),
                updated + tally.updated(), unchanged + tally.unchanged(), rejected, List.copyOf(errors),
                rejected - errors.size());
    }
}
