package org.bzpeer.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The problem catalogue is complete: every problem type any module's code raises is documented in it. */
class ProblemTypesTest {

    /** A problem made in code: {@code Problems.of(HttpStatus.X, "slug"} or {@code new ProblemException(HttpStatus.X, "slug"}. */
    private static final Pattern RAISED = Pattern.compile(
            "(?:Problems\\.of|new ProblemException)\\(\\s*HttpStatus\\.[A-Z_]+,\\s*\"([a-z0-9-]+)\"");

    @Test
    void everyRaisedProblemTypeIsInTheCatalogue() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent();
        Set<String> raised = new TreeSet<>();
        try (Stream<Path> files = Files.walk(repository)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/")).toList()) {
                Matcher matcher = RAISED.matcher(Files.readString(file));
                while (matcher.find()) {
                    raised.add(matcher.group(1));
                }
            }
        }
        Set<String> catalogue = ProblemTypes.ALL.stream().map(ProblemTypes.ProblemType::slug)
                .collect(Collectors.toSet());
        assertThat(raised).as("problem types raised in code").isNotEmpty().contains("not-found");
        assertThat(catalogue).as("the catalogue in ProblemTypes").containsAll(raised);
    }
}
