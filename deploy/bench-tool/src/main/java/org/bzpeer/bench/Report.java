package org.bzpeer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's report: lines added as figures are measured, written to a file and printed at the end. */
final class Report {

    private final List<String> lines = new ArrayList<>();

    void line(String format, Object... arguments) {
        lines.add(String.format(Locale.ROOT, format, arguments));
    }

    void lines(List<String> more) {
        lines.addAll(more);
    }

    void blank() {
        lines.add("");
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    /**
     * Ends the report with the targets met or missed and how long the run took, writes it to {@code file} and prints
     * it under a banner naming that file.
     */
    void finish(List<String> targets, String took, Path file) throws IOException {
        line("Targets");
        lines(targets);
        blank();
        lines.add(took);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text());
        System.out.println();
        System.out.println("=".repeat(30) + " report, also in " + file + " " + "=".repeat(30));
        System.out.print(text());
    }

    /** "met" or "MISSED", for a figure next to its target. */
    static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
