package org.bzpeer.bench.corpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The authorship rows of a corpus, {@code (work_id, author_id, display_name, position)} as graph-service's
 * {@code work_author} keeps them, written as PostgreSQL COPY text (tab-separated, backslash escapes) for the COPY
 * baseline. One row per distinct author of a work, in byline order.
 */
public final class AuthorshipRows implements Consumer<CorpusWork>, AutoCloseable {

    private final Writer out;
    private long rows;

    private AuthorshipRows(Writer out) {
        this.out = out;
    }

    public static AuthorshipRows writingTo(Path file) throws IOException {
        return new AuthorshipRows(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16));
    }

    @Override
    public void accept(CorpusWork work) {
        Set<String> authors = new HashSet<>();
        int position = 0;
        try {
            for (CorpusWork.Authorship authorship : work.authorships()) {
                if (authors.add(authorship.authorKey())) {
                    out.write(row(work.workId(), authorship.authorKey(), authorship.name(), position));
                    rows++;
                }
                position++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static String row(String workId, String authorId, String displayName, int position) {
        return escape(workId) + '\t' + escape(authorId) + '\t' + escape(displayName) + '\t' + position + '\n';
    }

    /** COPY text format: backslash, tab, newline and carriage return are written as backslash escapes. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
