package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.model.VersionIdentifier;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ArxivKaggleWorkFormat} against the real head of the arXiv Kaggle snapshot in the shared data: every record
 * maps, and a few are checked field by field (TeX-free names, collaborations, footnote marks, several DOIs,
 * categories with their names, unwrapped abstracts).
 */
class ArxivKaggleRealDataTest {

    private static final RecordParser PARSER = new RecordParser(TestRecords.LIMITS);
    private static final ArxivKaggleWorkFormat FORMAT = new ArxivKaggleWorkFormat(TestRecords.LIMITS);
    private static final List<JsonNode> RECORDS = new ArrayList<>();
    private static final List<SubmittedWork> WORKS = new ArrayList<>();
    private static String missing;

    @BeforeAll
    static void parseTheSample() throws IOException {
        Path file = SharedData.dir().resolve("arxiv/kaggle-snapshot-head.jsonl");
        if (!Files.isRegularFile(file)) {
            missing = SharedData.missing(file);
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            JsonNode record = PARSER.parse(bytes, bytes.length);
            RECORDS.add(record);
            WORKS.add(FORMAT.parse(record));
        }
    }

    @BeforeEach
    void requireTheSample() {
        assumeTrue(missing == null, missing);
    }

    @Test
    void everyRecordMapsToAPreprintInArxiv() {
        assertThat(WORKS).hasSize(200).allSatisfy(work -> {
            assertThat(work.source()).isEqualTo("arxiv");
            assertThat(work.type()).isEqualTo("preprint");
            assertThat(work.venue()).isEqualTo(new SubmittedVenue("arXiv", null, "repository", null));
            assertThat(work.identifiers()).containsOnlyKeys("arxiv");
            assertThat(work.publicationYear()).isEqualTo(2007);
            assertThat(work.title()).isNotBlank().doesNotContain("\n", "  ");
            assertThat(work.abstractText()).isNotBlank().doesNotContain("\n\n\n");
            assertThat(work.authorships()).isNotEmpty().allSatisfy(a -> assertThat(a.name())
                    .doesNotContain("\\", "{", "  ").isEqualTo(a.name().strip()));
            assertThat(work.topics()).isNotEmpty()
                    .allSatisfy(topic -> assertThat(topic.name()).isNotEqualTo(topic.id().substring(6)));
        });
        assertThat(WORKS.stream().map(w -> w.identifiers().get("arxiv")).distinct()).hasSize(200);
        assertThat(WORKS.stream().mapToInt(w -> w.versionIdentifiers().size()).sum()).isEqualTo(119);
    }

    @Test
    void goldenRecords() {
        SubmittedWork diphoton = work("0704.0001");
        assertThat(diphoton.identifiers()).containsOnly(Map.entry("arxiv", "0704.0001"));
        assertThat(diphoton.versionIdentifiers())
                .containsExactly(new VersionIdentifier("doi", "10.1103/physrevd.76.013009"));
        assertThat(diphoton.publicationDate()).isEqualTo("2007-04-02");
        assertThat(diphoton.title()).isEqualTo("Calculation of prompt diphoton production cross sections at Tevatron "
                + "and LHC energies");
        assertThat(diphoton.abstractText()).startsWith("A fully differential calculation in perturbative quantum "
                + "chromodynamics is presented for the production of massive photon pairs at hadron colliders. All "
                + "next-to-leading order");
        assertThat(diphoton.authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan");
        assertThat(diphoton.topics()).containsExactly(
                new SubmittedTopic("arxiv:hep-ph", "High Energy Physics - Phenomenology", null));

        assertThat(work("0704.0020").authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("The BABAR Collaboration", "B. Aubert");
        assertThat(work("0704.0025").authorships()).extracting(SubmittedAuthorship::name, a -> a.institutions())
                .containsExactly(tuple("A. S. Mishchenko", List.of()),
                        tuple("N. Nagaosa", List.of()));
        assertThat(work("0704.0031").authorships()).singleElement().satisfies(a -> assertThat(a.institutions())
                .containsExactly(new SubmittedInstitution(null, "Serpukhov, IHEP", null, null)));
        assertThat(work("0704.0033").versionIdentifiers()).containsExactly(
                new VersionIdentifier("doi", "10.1364/josaa.23.002578"),
                new VersionIdentifier("doi", "10.1364/josaa.32.002407"));
        // the second paragraph starts on an indented line; the wraps inside a paragraph are undone
        assertThat(work("0704.0047").abstractText()).contains("of two simultaneously", "sources.\n\nThe location")
                .satisfies(text -> assertThat(text.split("\n\n")).hasSize(2));
    }

    @Test
    void aNameListedTwiceIsOneAuthorshipAndAMissingIdIsRejected() {
        ObjectNode twice = TestRecords.mutated((ObjectNode) RECORDS.get(1), "authors_parsed",
                "[[\"Streinu\", \"Ileana\", \"\"], [\"Theran\", \"Louis\", \"\"], [\"Streinu\", \"Ileana\", \"\"]]");

        assertThat(FORMAT.parse(twice).authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("Ileana Streinu", "Louis Theran");
        assertThatExceptionOfType(RejectedRecordException.class)
                .isThrownBy(() -> FORMAT.parse(TestRecords.mutated((ObjectNode) RECORDS.get(1), "id", null)))
                .satisfies(e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void everyCategoryOfTheSampleHasAName() {
        assertThat(RECORDS.stream().flatMap(r -> List.of(r.get("categories").asString().split(" ")).stream()))
                .allSatisfy(code -> assertThat(ArxivCategories.name(code)).as(code).isPresent());
        assertThat(ArxivCategories.all()).containsEntry("cs.AI", "Artificial Intelligence")
                .containsEntry("math.MP", "Mathematical Physics").hasSizeGreaterThan(170);
        assertThat(ArxivCategories.topic("xx.NEW")).isEqualTo(new SubmittedTopic("arxiv:xx.NEW", "xx.NEW", null));
    }

    private static SubmittedWork work(String arxivId) {
        return WORKS.stream().filter(w -> arxivId.equals(w.identifiers().get("arxiv"))).findFirst().orElseThrow();
    }
}
