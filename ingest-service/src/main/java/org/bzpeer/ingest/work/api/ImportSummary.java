package org.bzpeer.ingest.work.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bzpeer.ingest.work.application.RecordOutcome;

/**
 * The per-record result of a submission: how many records arrived and what became of them; one error per rejected
 * record, naming it by 0-based position, the offending field (a JSON path in the record) and the reason.
 */
public record ImportSummary(int received, int created, int updated, int unchanged, int rejected,
        List<RecordError> errors) {

    /** Why one record was rejected. */
    public record RecordError(int record, String field, String reason) {
    }

    static ImportSummary empty() {
        return new ImportSummary(0, 0, 0, 0, 0, List.of());
    }

    ImportSummary plus(List<RecordOutcome> outcomes) {
        int created = this.created;
        int updated = this.updated;
        int unchanged = this.unchanged;
        List<RecordError> errors = new ArrayList<>(this.errors);
        for (RecordOutcome outcome : outcomes) {
            if (outcome instanceof RecordOutcome.Imported imported) {
                switch (imported.change()) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            } else if (outcome instanceof RecordOutcome.Rejected rejected) {
                errors.add(new RecordError(rejected.index(), rejected.field(), rejected.reason()));
            }
        }
        errors.sort(Comparator.comparingInt(RecordError::record));
        return new ImportSummary(received + outcomes.size(), created, updated, unchanged, errors.size(),
                List.copyOf(errors));
    }
}
