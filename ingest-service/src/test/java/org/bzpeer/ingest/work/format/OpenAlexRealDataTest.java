package org.bzpeer.ingest.work.format;

import org.bzpeer.kit.text.Names;
import org.bzpeer.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link OpenAlexWorkFormat} against real OpenAlex records (the KFUPM sample of the shared data): every record passes
 * the strict {@link RecordParser} and parses, and the per-author figures derived independently in
 * {@code expected.json} hold for the parsed authorships.
 */
class OpenAlexRealDataTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final OpenAlexWorkFormat FORMAT = new OpenAlexWorkFormat(TestRecords.LIMITS);

    private static List<JsonNode> records;
    private static List<SubmittedWork> works;
    private static List<String> rejections;
    private static JsonNode expected;

    private static String missing;

    /** Parses the sample once for all tests; when the shared data is missing, each test is skipped saying so. */
    @BeforeAll
    static void parseTheSample() {
        Path worksFile = SharedData.dir().resolve("openalex/kfupm/works.jsonl.gz");
        Path expectedFile = SharedData.dir().resolve("openalex/kfupm/expected.json");
        missing = RealSample.missing(worksFile, expectedFile);
        if (missing != null) {
            return;
        }
        expected = MAPPER.readTree(expectedFile);
        RealSample sample = RealSample.read(worksFile, FORMAT);
        records = sample.records();
        works = sample.works();
        rejections = sample.rejections();
    }

    @BeforeEach
    void requireTheSample() {
        assumeTrue(missing == null, missing);
    }

    @Test
    void everyWorkOfTheSampleParsesWithoutRejection() {
        assertThat(rejections).isEmpty();
        assertThat(records).hasSize(expected.get("works").intValue()).hasSize(3_684);
        assertThat(works).hasSize(3_684);
        assertThat(works).allSatisfy(work -> {
            assertThat(work.source()).isEqualTo("openalex");
            assertThat(work.identifiers()).containsKey("openalex");
            assertThat(work.type()).isNotBlank();
            assertThat(work.authorships()).allSatisfy(a -> assertThat(a.name()).isNotBlank());
        });
        assertThat(works.stream().map(w -> w.identifiers().get("openalex")).distinct()).hasSize(3_684);
    }

    @Test
    void theSampleTotalsOfExpectedJsonHold() {
        Map<String, Set<String>> worksByAuthor = worksByAuthor();
        assertThat(worksByAuthor).hasSize(expected.get("distinct_authors").intValue()).hasSize(5_394);
        assertThat(worksByAuthor.values().stream().filter(w -> w.size() >= 3))
                .hasSize(expected.get("authors_with_ge3_works").intValue());
        for (JsonNode top : expected.get("top5")) {
            String author = Normalize.openAlex(top.get("author").asString());
            assertThat(worksByAuthor.get(author)).as(author).hasSize(top.get("works_in_sample").intValue());
            assertThat(coauthors(author)).as(author).hasSize(top.get("distinct_coauthors").intValue());
        }
    }

    @Test
    void everyFocalAuthorHasTheExpectedWorksAndCoauthors() {
        Map<String, Set<String>> worksByAuthor = worksByAuthor();
        JsonNode focalAuthors = expected.get("focal_authors");
        assertThat(focalAuthors).hasSize(85);
        for (JsonNode focal : focalAuthors) {
            String author = Normalize.openAlex(focal.get("id").asString());
            assertThat(worksByAuthor.getOrDefault(author, Set.of())).as("works of %s", author)
                    .hasSize(focal.get("works_in_sample").intValue());
            assertThat(coauthors(author)).as("co-authors of %s", author)
                    .hasSize(focal.get("distinct_coauthors_in_sample").intValue());
        }
        assertThat(worksByAuthor.get("A5000180362")).hasSize(14);
        assertThat(coauthors("A5000180362")).hasSize(37);
    }

    @Test
    void focalAuthorsCarryTheirOrcidWhereOpenAlexHasOne() {
        for (JsonNode focal : expected.get("focal_authors")) {
            if (focal.get("orcid").isNull()) {
                continue;
            }
            String author = Normalize.openAlex(focal.get("id").asString());
            String orcid = Normalize.orcid(focal.get("orcid").asString());
            assertThat(authorshipsOf(author)).as(author)
                    .anySatisfy(a -> assertThat(a.ids()).containsEntry("orcid", orcid));
        }
        assertThat(authorshipsOf("A5000180362"))
                .allSatisfy(a -> assertThat(a.ids()).containsEntry("orcid", "0000-0001-7056-6323"));
    }

    @Test
    void duplicateAuthorIdsWithinAWorkKeepOnlyTheFirstAuthorship() {
        int duplicatesInRecords = 0;
        int authorshipsWithoutIdInRecords = 0;
        for (JsonNode record : records) {
            Set<String> seen = new HashSet<>();
            for (JsonNode authorship : record.get("authorships")) {
                JsonNode id = authorship.path("author").path("id");
                if (id.isNull() || id.isMissingNode()) {
                    authorshipsWithoutIdInRecords++;
                } else if (!seen.add(id.asString())) {
                    duplicatesInRecords++;
                }
            }
        }
        int authorshipsInRecords = records.stream().mapToInt(r -> r.get("authorships").size()).sum();
        int authorshipsParsed = works.stream().mapToInt(w -> w.authorships().size()).sum();

        assertThat(duplicatesInRecords).isEqualTo(19);
        assertThat(authorshipsParsed).isEqualTo(authorshipsInRecords - duplicatesInRecords);
        assertThat(works).allSatisfy(work -> {
            List<String> ids = work.authorships().stream().map(a -> a.ids().get("openalex"))
                    .filter(id -> id != null).toList();
            assertThat(ids).doesNotHaveDuplicates();
        });
        // W2965273680 lists five of its six authors twice in a row; the byline keeps each once, in order
        assertThat(record("W2965273680").get("authorships")).hasSize(11);
        assertThat(work("W2965273680").authorships()).extracting(a -> a.ids().get("openalex"))
                .containsExactly("A5044235421", "A5075872468", "A5035537771", "A5039010638", "A5035815399",
                        "A5028390167");

        assertThat(authorshipsWithoutIdInRecords).isEqualTo(72);
        assertThat(works.stream().flatMap(w -> w.authorships().stream())
                .filter(a -> !a.ids().containsKey("openalex")))
                .hasSize(72)
                .allSatisfy(a -> assertThat(a.name()).isNotBlank());
    }

    @Test
    void namesAreCleanedButKeepTheirPrintedForm() {
        assertThat(names())
                .noneMatch(n -> n.matches("(?s).*[\\u00AD\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF].*"))
                .noneMatch(n -> n.contains("  ") || !n.equals(n.strip()))
                .contains("Zaher Mundher Yaseen", "Al-Khalid Othman", "Muhammad Shahzad Kamal",
                        "Abdullatif Al\u2010Shuhail", "Korhan Ayrancı");
        assertThat(names().stream().filter(n -> n.indexOf('\u2010') >= 0)).hasSizeGreaterThan(100);
        assertThat(Names.matchKey("Abdullatif Al\u2010Shuhail"))
                .isEqualTo(Names.matchKey("Abdullatif Al-Shuhail"));
    }

    @Test
    void nullDoisAbstractsVenuesAndLanguagesAreAbsentNotRejected() {
        assertThat(count(w -> !w.identifiers().containsKey("doi"))).isEqualTo(202);
        assertThat(count(w -> w.abstractText() == null)).isEqualTo(1_339);
        assertThat(count(w -> w.venue() == null)).isEqualTo(568);
        assertThat(count(w -> w.language() == null)).isEqualTo(60);
        assertThat(count(SubmittedWork::retracted)).isEqualTo(7);
        assertThat(count(w -> w.title() == null)).isZero();
        assertThat(count(w -> w.authorships().size() == 100)).isEqualTo(1);
        assertThat(count(w -> w.topics().isEmpty())).isEqualTo(90 - 24);
    }

    @Test
    void theTopLevelDoiWinsOverADifferentIdsDoi() {
        // ids.doi is a repository copy (TU Darmstadt); doi is the Solid Earth article
        assertThat(work("W3190807736").identifiers()).containsEntry("doi", "10.5194/se-12-1777-2021");
        // only the top-level doi is present
        assertThat(work("W4300189252").identifiers()).containsEntry("doi", "10.48550/arxiv.1410.0215");
        assertThat(work("W4399880781").identifiers())
                .containsEntry("openalex", "W4399880781").containsEntry("doi", "10.1016/j.rser.2024.114646");
    }

    @Test
    void aVenueKeepsTheIssnLOpenAlexKeysItBy() {
        // Pure and Applied Geophysics: OpenAlex's ISSN-L 0033-4533 fails the ISSN check digit, and is still its key
        assertThat(works.stream().filter(w -> w.venue() != null && "0033-4533".equals(w.venue().issn())))
                .hasSize(2)
                .allSatisfy(w -> assertThat(w.venue().id()).isEqualTo("openalex:S78180602"));
        assertThat(work("W4399880781").venue().id()).isEqualTo("openalex:S68497187");
        assertThat(work("W4399880781").venue().type()).isEqualTo("journal");
    }

    @Test
    void theRawAuthorFileWithUnicodeLineSeparatorsParses() throws IOException {
        Path file = SharedData.require("openalex/kfupm/raw-author-file-A5024607591.json.gz");
        JsonNode raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            raw = MAPPER.readTree(in);
        }
        assertThat(raw.get("details").get("id").asString()).isEqualTo("https://openalex.org/A5024607591");
        assertThat(raw.toString()).contains("\u2028");

        List<SubmittedWork> works = new ArrayList<>();
        for (JsonNode record : raw.get("works")) {
            works.add(FORMAT.parse(record));
        }
        assertThat(works).hasSize(raw.get("details").get("works_count").intValue()).hasSize(95);
        assertThat(works).allSatisfy(work -> assertThat(work.authorships())
                .filteredOn(a -> "A5024607591".equals(a.ids().get("openalex")))
                .singleElement()
                .satisfies(a -> assertThat(a.ids()).containsEntry("orcid", "0000-0003-1229-4627"))
                .satisfies(a -> assertThat(a.name()).isEqualTo("SanLinn I. Kaka")));
    }

    private static Map<String, Set<String>> worksByAuthor() {
        Map<String, Set<String>> out = new HashMap<>();
        for (SubmittedWork work : works) {
            for (SubmittedAuthorship authorship : work.authorships()) {
                String author = authorship.ids().get("openalex");
                if (author != null) {
                    out.computeIfAbsent(author, a -> new HashSet<>()).add(work.identifiers().get("openalex"));
                }
            }
        }
        return out;
    }

    private static Set<String> coauthors(String author) {
        Set<String> out = new HashSet<>();
        for (SubmittedWork work : works) {
            Set<String> ids = new LinkedHashSet<>();
            work.authorships().forEach(a -> {
                if (a.ids().containsKey("openalex")) {
                    ids.add(a.ids().get("openalex"));
                }
            });
            if (ids.remove(author)) {
                out.addAll(ids);
            }
        }
        return out;
    }

    private static List<SubmittedAuthorship> authorshipsOf(String author) {
        return works.stream().flatMap(w -> w.authorships().stream())
                .filter(a -> author.equals(a.ids().get("openalex"))).toList();
    }

    private static List<String> names() {
        return works.stream().flatMap(w -> w.authorships().stream()).map(SubmittedAuthorship::name).toList();
    }

    private static long count(Predicate<SubmittedWork> predicate) {
        return works.stream().filter(predicate).count();
    }

    private static SubmittedWork work(String id) {
        return works.stream().filter(w -> id.equals(w.identifiers().get("openalex"))).findFirst().orElseThrow();
    }

    private static JsonNode record(String id) {
        return records.stream().filter(r -> r.get("id").asString().endsWith("/" + id)).findFirst().orElseThrow();
    }
}
