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

    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text());
    }

    /** "met" or "MISSED", for a figure next to its target. */
    static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
