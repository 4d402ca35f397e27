package org.bzpeer.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ImportCountsTest {

    private static final String ANSWER = """
            {"received": 5, "created": 2, "updated": 0, "unchanged": 0, "rejected": 3, "errors": [
              {"record": 1, "field": "$", "reason": "conflicts with a concurrent import of the same work or author; submit it again"},
              {"record": 3, "field": "authorships[0].ids.orcid", "reason": "ORCID check digit does not match"},
              {"record": 4, "field": "$", "reason": "conflicts with a concurrent import of the same work or author; submit it again"}]}
            """;

    @Test
    void recordsSentAgainCountOnlyWithTheirLastOutcome() throws Exception {
        ImportCounts first = ImportCounts.of(new ObjectMapper().readTree(ANSWER), Set.of(1, 4));
        ImportCounts again = ImportCounts.of(new ObjectMapper().readTree(
                "{\"received\": 2, \"created\": 2, \"updated\": 0, \"unchanged\": 0, \"rejected\": 0, \"errors\": []}"),
                Set.of());

        ImportCounts total = first.plus(again);

        assertThat(total).isEqualTo(new ImportCounts(5, 4, 0, 0, 1, 2, 0,
                List.of("record 3, authorships[0].ids.orcid: ORCID check digit does not match")));
    }
}
