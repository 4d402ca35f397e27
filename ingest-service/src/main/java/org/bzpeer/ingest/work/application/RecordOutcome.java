package org.bzpeer.ingest.work.application;

import java.util.ArrayList;
import java.util.List;

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

    /** How many of some outcomes changed their works which way, and the rejected ones in order. */
    record Tally(int created, int updated, int unchanged, List<Rejected> rejected) {

        /** Counts {@code outcomes}. */
        public static Tally of(List<RecordOutcome> outcomes) {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            List<Rejected> rejected = new ArrayList<>();
            for (RecordOutcome outcome : outcomes) {
                if (outcome instanceof Imported imported) {
                    switch (imported.change()) {
                        case CREATED -> created++;
                        case UPDATED -> updated++;
                        case UNCHANGED -> unchanged++;
                    }
                } else if (outcome instanceof Rejected rejection) {
                    rejected.add(rejection);
                }
            }
            return new Tally(created, updated, unchanged, List.copyOf(rejected));
        }
    }
}
