package org.bzpeer.ingest.work.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bzpeer.ingest.work.model.SubmittedTopic;

/**
 * The arXiv subject categories and archives with their human names, read once from the resource
 * {@value #RESOURCE} (one {@code code TAB name} a line, {@code #} comments): the one table every arXiv format (the
 * Kaggle snapshot, the API's Atom feed, OAI-PMH) turns categories into topics with. A category is a topic with id
 * {@code arxiv:<code>}; one missing from the table keeps its code as its name, so a new arXiv category is never a
 * reason to reject a work.
 */
public final class ArxivCategories {

    /** The classpath resource holding the table. */
    public static final String RESOURCE = "/arxiv/categories.tsv";

    private static final Map<String, String> NAMES = load();

    private ArxivCategories() {
    }

    /** The human name of category or archive {@code code} ({@code hep-ph}, {@code cs.AI}), or empty. */
    public static Optional<String> name(String code) {
        return Optional.ofNullable(code == null ? null : NAMES.get(code));
    }

    /** Every category and archive code with its name, in the order of the table. */
    public static Map<String, String> all() {
        return NAMES;
    }

    /** Category {@code code} as a topic: id {@code arxiv:<code>}, its human name (or the code), no score. */
    public static SubmittedTopic topic(String code) {
        return new SubmittedTopic("arxiv:" + code, name(code).orElse(code), null);
    }

    private static Map<String, String> load() {
        try (InputStream in = ArxivCategories.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the arXiv category table " + RESOURCE + " is not on the classpath");
            }
            Map<String, String> names = new LinkedHashMap<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 2 || names.putIfAbsent(columns[0], columns[1]) != null) {
                    throw new IllegalStateException("bad or repeated line in " + RESOURCE + ": " + line);
                }
            }
            return Collections.unmodifiableMap(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
