package org.bzpeer.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportSummaryTest {

    @Test
    void printsTheCountsAndOnlyTheFirstErrors() {
        String answer = """
                {"received":4,"created":1,"updated":0,"unchanged":0,"rejected":3,
                 "errors":[{"index":1,"reason":"no title"},{"index":2,"reason":"no authors"},"bad line 3"]}
                """;

        assertThat(print(answer, 2)).isEqualTo("""
                received 4, created 1, updated 0, unchanged 0, rejected 3
                  error: {"index":1,"reason":"no title"}
                  error: {"index":2,"reason":"no authors"}
                  ... and 1 more errors
                """);
    }

    @Test
    void printsTheProblemWhenTheRequestIsRefused() {
        String problem = """
                {"type":"about:blank","title":"Unauthorized","status":401,"detail":"token expired"}
                """;

        assertThat(print(problem, 5)).isEqualTo("refused: Unauthorized token expired\n");
    }

    @Test
    void printsAnythingElseAsItCame() {
        assertThat(print("Bad Gateway", 5)).isEqualTo("Bad Gateway\n");
    }

    private static String print(String body, int maxErrors) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ImportSummary.print(body, maxErrors, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
