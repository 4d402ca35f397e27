package org.bzpeer.localstack;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the answer of {@code POST /api/v1/works} into a few readable lines for deploy/local/run: the record counts
 * and the first errors, or the problem detail when the whole request was refused.
 *
 * <p>Run as {@code ImportSummary [max-errors]} with the response body on standard input.
 */
public final class ImportSummary {

    static final List<String> COUNTS = List.of("received", "created", "updated", "unchanged", "rejected");
    private static final int DEFAULT_MAX_ERRORS = 5;
    private static final int MAX_RAW_CHARACTERS = 2_000;

    private ImportSummary() {
    }

    public static void main(String[] args) throws IOException {
        int maxErrors = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_MAX_ERRORS;
        String body = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        print(body, maxErrors, System.out);
    }

    static void print(String body, int maxErrors, PrintStream out) {
        JsonNode answer;
        try {
            answer = new ObjectMapper().readTree(body);
        } catch (JacksonException e) {
            answer = null;
        }
        if (answer != null && answer.has("received")) {
            printSummary(answer, maxErrors, out);
        } else if (answer != null && (answer.has("title") || answer.has("detail"))) {
            out.println("refused: " + answer.path("title").asText("") + " " + answer.path("detail").asText(""));
        } else {
            out.println(body.length() > MAX_RAW_CHARACTERS ? body.substring(0, MAX_RAW_CHARACTERS) + "..." : body);
        }
    }

    private static void printSummary(JsonNode summary, int maxErrors, PrintStream out) {
        StringBuilder counts = new StringBuilder();
        for (String count : COUNTS) {
            counts.append(counts.isEmpty() ? "" : ", ").append(count).append(' ').append(summary.path(count).asText("?"));
        }
        out.println(counts);
        JsonNode errors = summary.path("errors");
        for (int i = 0; i < Math.min(maxErrors, errors.size()); i++) {
            JsonNode error = errors.get(i);
            out.println("  error: " + (error.isTextual() ? error.asText() : error.toString()));
        }
        if (errors.size() > maxErrors) {
            out.println("  ... and " + (errors.size() - maxErrors) + " more errors");
        }
    }
}
