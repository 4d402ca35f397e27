package org.bzpeer.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What ingest answered to the submissions of one import, added up: records received, created, updated, unchanged
 * and rejected, how many were submitted again after a conflict with a concurrent import (each record is counted
 * once, with the outcome of its last submission), how many requests were answered with a server error (or, by a
 * patient poster, not answered at all) and sent again, and the first few rejection reasons and server errors.
 */
public record ImportCounts(long received, long created, long updated, long unchanged, long rejected,
        long resubmitted, long serverErrors, List<String> firstErrors) {

    private static final int KEPT_ERRORS = 5;

    public static ImportCounts none() {
        return new ImportCounts(0, 0, 0, 0, 0, 0, 0, List.of());
    }

    /** One request that got no answer (connection refused or reset), to be sent again. */
    public static ImportCounts unanswered(String failure) {
        return new ImportCounts(0, 0, 0, 0, 0, 0, 1, List.of(failure + " (no answer; sent again)"));
    }

    /** One request answered with a server error, to be sent again. */
    public static ImportCounts serverError(String failure) {
        return new ImportCounts(0, 0, 0, 0, 0, 0, 1, List.of(failure + " (sent again)"));
    }

    /**
     * The counts of one answer of {@code POST /api/v1/works} (the summary, or a 422 problem carrying it), leaving out
     * the records at {@code resubmitting} (0-based positions in that submission), which are sent again.
     */
    public static ImportCounts of(JsonNode answer, Set<Integer> resubmitting) {
        List<String> errors = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            if (errors.size() < KEPT_ERRORS && !resubmitting.contains(error.path("record").asInt())) {
                errors.add("record " + error.path("record").asText() + ", " + error.path("field").asText() + ": "
                        + error.path("reason").asText());
            }
        }
        int again = resubmitting.size();
        return new ImportCounts(answer.path("received").asLong() - again, answer.path("created").asLong(),
                answer.path("updated").asLong(), answer.path("unchanged").asLong(),
                answer.path("rejected").asLong() - again, again, 0, List.copyOf(errors));
    }

    public ImportCounts plus(ImportCounts other) {
        List<String> errors = new ArrayList<>(firstErrors);
        other.firstErrors.stream().limit(Math.max(0, KEPT_ERRORS - errors.size())).forEach(errors::add);
        return new ImportCounts(received + other.received, created + other.created, updated + other.updated,
                unchanged + other.unchanged, rejected + other.rejected, resubmitted + other.resubmitted,
                serverErrors + other.serverErrors, List.copyOf(errors));
    }

    @Override
    public String toString() {
        return String.format("received %,d, created %,d, updated %,d, unchanged %,d, rejected %,d%s%s", received,
                created, updated, unchanged, rejected, resubmitted == 0 ? ""
                        : String.format("; %,d records submitted again after a concurrent-import conflict", resubmitted),
                serverErrors == 0 ? "" : String.format("; %,d requests sent again after a server error or no answer",
                        serverErrors));
    }
}
