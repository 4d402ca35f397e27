package org.bzpeer.bench.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The real OpenAlex sample ({@code openalex/kfupm/works.jsonl.gz} in the shared data), read in place: its records as
 * posted to ingest (one OpenAlex Work object per line, split on the byte {@code \n} only, since records carry raw
 * U+2028 inside strings), and as {@link CorpusWork}s for shape measurement and COPY rows.
 *
 * <p>The reading mirrors what ingest keeps: an authorship without a name is dropped, and a repeated author id in one
 * work counts once.
 */
public final class OpenAlexSample {

    private static final ObjectReader READER = new ObjectMapper().readerFor(OpenAlexWork.class);

    private final Path file;

    public OpenAlexSample(Path file) {
        this.file = file;
    }

    /** Hands every record, as the bytes of one line without its {@code \n}, to {@code sink}. */
    public void forEachRecord(Consumer<byte[]> sink) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        emitNonBlank(line, sink);
                        start = i + 1;
                    }
                }
                line.write(buffer, start, read - start);
            }
            emitNonBlank(line, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public void forEachWork(Consumer<CorpusWork> sink) {
        forEachRecord(record -> sink.accept(work(record)));
    }

    /** One record of the sample (an OpenAlex Work object) read as ingest keeps it. */
    public static CorpusWork work(byte[] record) {
        try {
            return READER.readValue(record, OpenAlexWork.class).toCorpusWork();
        } catch (IOException e) {
            throw new UncheckedIOException("a record is not an OpenAlex work", e);
        }
    }

    private static void emitNonBlank(ByteArrayOutputStream line, Consumer<byte[]> sink) {
        byte[] bytes = line.toByteArray();
        line.reset();
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                sink.accept(bytes);
                return;
            }
        }
    }

    /** The fields of an OpenAlex Work object the benchmark reads; the rest is skipped unparsed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OpenAlexWork(String id, String doi, String type, @JsonProperty("publication_year") Integer year,
            String title, @JsonProperty("display_name") String displayName,
            @JsonProperty("abstract_inverted_index") Map<String, int[]> abstractIndex,
            @JsonProperty("primary_location") Location primaryLocation, List<OpenAlexAuthorship> authorships,
            List<Named> topics) {

        CorpusWork toCorpusWork() {
            List<CorpusWork.Authorship> kept = new ArrayList<>();
            Set<String> seenAuthors = new HashSet<>();
            for (OpenAlexAuthorship authorship : authorships == null ? List.<OpenAlexAuthorship>of() : authorships) {
                Author author = authorship.author() == null ? new Author(null, null, null) : authorship.author();
                String name = present(author.displayName()) ? author.displayName() : authorship.rawAuthorName();
                String openAlexId = lastPathSegment(author.id());
                if (!present(name) || (openAlexId != null && !seenAuthors.add(openAlexId))) {
                    continue;
                }
                List<CorpusWork.Institution> institutions = new ArrayList<>();
                for (Named institution : orEmpty(authorship.institutions())) {
                    if (present(institution.displayName())) {
                        institutions.add(new CorpusWork.Institution(lastPathSegment(institution.id()),
                                institution.displayName(), institution.countryCode()));
                    }
                }
                kept.add(new CorpusWork.Authorship(openAlexId, lastPathSegment(author.orcid()), name, institutions));
            }
            List<CorpusWork.Topic> named = orEmpty(topics).stream().filter(topic -> present(topic.displayName()))
                    .map(topic -> new CorpusWork.Topic(lastPathSegment(topic.id()), topic.displayName())).toList();
            Named source = primaryLocation == null ? null : primaryLocation.source();
            return new CorpusWork(lastPathSegment(id), bareDoi(doi), ourType(), year,
                    present(title) ? title : displayName,
                    abstractText(), source == null ? null : source.displayName(), kept, named);
        }

        /**
         * The type in our JSON format's vocabulary (ingest's WorkType, served in GET /api/v1/works/schema.json), which
         * the synthetic corpus is written in: OpenAlex's own names outside it become the nearest one.
         */
        private String ourType() {
            return switch (type == null ? "other" : type) {
                case "peer-review" -> "review";
                case "retraction" -> "erratum";
                case "paratext", "libguides", "supplementary-materials", "standard", "grant" -> "other";
                default -> type;
            };
        }

        /** The abstract, words in the order of their positions; null when OpenAlex has none. */
        private String abstractText() {
            if (abstractIndex == null || abstractIndex.isEmpty()) {
                return null;
            }
            Map<Integer, String> words = new TreeMap<>();
            abstractIndex.forEach((word, positions) -> {
                for (int position : positions) {
                    words.put(position, word);
                }
            });
            return String.join(" ", words.values());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OpenAlexAuthorship(Author author, @JsonProperty("raw_author_name") String rawAuthorName,
            List<Named> institutions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Author(String id, @JsonProperty("display_name") String displayName, String orcid) {
    }

    /** An institution, topic or source: id, name and, for institutions, country. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Named(String id, @JsonProperty("display_name") String displayName,
            @JsonProperty("country_code") String countryCode) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Location(Named source) {
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static String lastPathSegment(String url) {
        return url == null ? null : url.substring(url.lastIndexOf('/') + 1);
    }

    private static String bareDoi(String url) {
        return url == null ? null : url.replaceFirst("(?i)^https?://(dx\\.)?doi\\.org/", "").toLowerCase(Locale.ROOT);
    }
}
