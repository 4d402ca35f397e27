package org.bzpeer.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What ingest answered to the submissions of one import, added up: records received, created, updated, unchanged
 * and rejected, and the first few rejection reasons.
 */
public record ImportCounts(long received, long created, long updated, long unchanged, long rejected,
        List<String> firstErrors) {

    private static final int KEPT_ERRORS = 5;

    public static ImportCounts none() {
        return new ImportCounts(0, 0, 0, 0, 0, List.of());
    }

    /** The counts of one answer of {@code POST /api/v1/works} (the summary, or a 422 problem carrying it). */
    public static ImportCounts of(JsonNode answer) {
        List<String> errors = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            if (errors.size() < KEPT_ERRORS) {
                errors.add("record " + error.path("record").asText() + ", " + error.path("field").asText() + ": "
                        + error.path("reason").asText());
            }
        }
        return new ImportCounts(answer.path("received").asLong(), answer.path("created").asLong(),
                answer.path("updated").asLong(), answer.path("unchanged").asLong(), answer.path("rejected").asLong(),
                List.copyOf(errors));
    }

    public ImportCounts plus(ImportCounts other) {
        List<String> errors = new ArrayList<>(firstErrors);
        other.firstErrors.stream().limit(Math.max(0, KEPT_ERRORS - errors.size())).forEach(errors::add);
        return new ImportCounts(received + other.received, created + other.created, updated + other.updated,
                unchanged + other.unchanged, rejected + other.rejected, List.copyOf(errors));
    }

    @Override
    public String toString() {
        return String.format("received %,d, created %,d, updated %,d, unchanged %,d, rejected %,d", received, created,
                updated, unchanged, rejected);
    }
}
