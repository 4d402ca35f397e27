package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.model.VersionIdentifier;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * {@link CrossrefWorkFormat} against the real Crossref records of the shared data ({@code habanero-works.jsonl.gz},
 * bare {@code message} objects): every record passes the strict parser and maps, the traps of the data README hold,
 * a few records are checked field by field, and the figures of {@code habanero-expected.json} hold.
 */
class CrossrefRealDataTest {

    private static final CrossrefWorkFormat FORMAT = new CrossrefWorkFormat(TestRecords.LIMITS);
    private static List<JsonNode> records;
    private static List<SubmittedWork> works;
    private static List<String> rejections;
    private static JsonNode expected;
    private static String missing;

    @BeforeAll
    static void parseTheSample() {
        Path worksFile = SharedData.dir().resolve("crossref/habanero-works.jsonl.gz");
        Path expectedFile = SharedData.dir().resolve("crossref/habanero-expected.json");
        missing = RealSample.missing(worksFile, expectedFile);
        if (missing != null) {
            return;
        }
        expected = TestRecords.MAPPER.readTree(expectedFile);
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
    void everyRecordMapsWithoutRejection() {
        assertThat(rejections).isEmpty();
        assertThat(works).hasSize(expected.get("works").intValue()).hasSize(520);
        assertThat(works).allSatisfy(work -> {
            assertThat(work.identifiers()).containsKey("doi");
            assertThat(WorkType.ofCode(work.type())).isPresent();
            assertThat(work.authorships()).allSatisfy(a -> assertThat(a.name()).isNotBlank());
        });
        assertThat(works.stream().map(w -> w.identifiers().get("doi")).distinct()).hasSize(520);
    }

    @Test
    void theTrapsOfTheDataReadmeAreSurvived() {
        // partial records: only DOI and title
        assertThat(count(w -> w.type().equals("other") && w.publicationYear() == null && w.authorships().isEmpty()
                && w.title() != null && w.venue() == null)).isGreaterThanOrEqualTo(18);
        assertThat(records.stream().filter(r -> r.size() == 2 && r.has("DOI") && r.has("title"))).hasSize(18);
        // no issued year ([[null]]) or no issued at all, and no other date with a year
        assertThat(count(w -> w.publicationYear() == null)).isEqualTo(44);
        // no authors (none listed, or only nameless ones)
        assertThat(count(w -> w.authorships().isEmpty())).isEqualTo(59);
        // organisation authors with only a name
        assertThat(work("10.2478/v10285-012-0032-1").authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("Hirabuki Yoshihiko", "Kanno Hiroshi", "Sudesiqin", "Su Gencheng", "Bao Yuhai");
        // an author with no name at all is dropped, the named one kept
        assertThat(work("10.31390/gradschool_theses.6125").authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("Joshua Rovira");
        // ORCIDs arrive as https:// URLs and are kept bare
        assertThat(works.stream().flatMap(w -> w.authorships().stream()).filter(a -> a.ids().containsKey("orcid")))
                .hasSize(292)
                .allSatisfy(a -> assertThat(a.ids().get("orcid")).matches("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]"));
    }

    @Test
    void goldenRecords() {
        SubmittedWork fish = work("10.7717/peerj.3811");
        assertThat(fish.identifiers()).containsOnly(Map.entry("doi", "10.7717/peerj.3811"));
        assertThat(fish.type()).isEqualTo("article");
        assertThat(fish.publicationYear()).isEqualTo(2017);
        assertThat(fish.publicationDate()).isEqualTo("2017-09-15");
        assertThat(fish.venue()).isEqualTo(new SubmittedVenue("PeerJ", null, "journal", "2167-8359"));
        assertThat(fish.title()).isEqualTo("Fish Ontology framework for taxonomy-based fish recognition");
        assertThat(fish.abstractText()).startsWith("Life science ontologies play an important role in Semantic Web.")
                .doesNotContain("<", "jats");
        assertThat(fish.authorships()).extracting(SubmittedAuthorship::name).containsExactly("Najib M. Ali",
                "Haris A. Khan", "Amy Y-Hui Then", "Chong Ving Ching", "Manas Gaur", "Sarinder Kaur Dhillon");
        assertThat(fish.authorships().get(0).institutions()).containsExactly(new SubmittedInstitution(null,
                "Institute of Biological Sciences, Faculty of Science, University of Malaya, Kuala Lumpur, Malaysia",
                null, null));
        assertThat(fish.versionIdentifiers())
                .containsExactly(new VersionIdentifier("doi", "10.7287/peerj.preprints.3020"));

        SubmittedWork pomdp = work("10.1101/055319");
        assertThat(pomdp.type()).isEqualTo("preprint");
        assertThat(pomdp.venue()).isEqualTo(new SubmittedVenue("bioRxiv", null, "repository", null));
        assertThat(pomdp.title()).isEqualTo("Measurement uncertainty matters: ecological management using POMDPs");
        assertThat(pomdp.abstractText()).startsWith("Over the past 30 years, researchers have used various");
        assertThat(pomdp.authorships()).extracting(SubmittedAuthorship::name, a -> a.ids().get("orcid"))
                .containsExactly(tuple("Milad Memarzadeh", "0000-0001-7672-6033"),
                        tuple("Carl Boettiger", "0000-0002-1642-628X"));

        SubmittedWork ruthenium = work("10.1039/d0ce00680g");
        assertThat(ruthenium.title()).isEqualTo("Encapsulation of the [Ru(bpy)3]2+ luminophore in a unique "
                + "hydrogen-bonded host framework");
        assertThat(ruthenium.abstractText()).isEqualTo("One-dimensional networks of the well-known photosensitizer "
                + "[Ru(bpy)3]2+ are encapsulated in an unusual hydrogen-bonded crystalline host framework.");
        assertThat(ruthenium.publicationYear()).isEqualTo(2020);
        assertThat(ruthenium.publicationDate()).isNull();
        assertThat(ruthenium.authorships()).extracting(a -> a.ids().get("orcid"))
                .containsExactly("0000-0003-3364-9204", null, null, "0000-0002-8172-2202", "0000-0002-2090-781X");
    }

    @Test
    void abstractsAreFreeOfMarkupAndRelationsOnlyJoinVersions() {
        assertThat(works.stream().filter(w -> w.abstractText() != null)
                .filter(w -> w.abstractText().matches("(?s).*(?:</?jats:|</?p>|&lt;|&amp;|&#).*")
                        || w.abstractText().startsWith("Abstract"))
                .map(w -> w.identifiers().get("doi") + ": " + w.abstractText().substring(0, 80))).isEmpty();
        assertThat(count(w -> w.abstractText() != null)).isEqualTo(171);
        // markup escaped twice by the publisher
        assertThat(work("10.30998/formatif.v6i1.753").abstractText()).startsWith("Penelitian ini bertujuan untuk "
                + "mendeskripsikan profil berpikir mahasiswa tipe guardian, artisan, rational, dan idealist dalam");
        assertThat(work("10.1093/mnras/stad1891").abstractText()).contains("pre-main sequence stars (<1 M⊙)");
        // has-preprint 12, is-version-of 1; has-review, is-supplemented-by and correction name other works
        assertThat(works.stream().mapToInt(w -> w.versionIdentifiers().size()).sum()).isEqualTo(13);
    }

    @Test
    void theFiguresOfHabaneroExpectedJsonHold() {
        Map<String, Set<String>> worksByAuthor = new HashMap<>();
        for (SubmittedWork work : works) {
            for (SubmittedAuthorship authorship : work.authorships()) {
                worksByAuthor.computeIfAbsent(authorKey(authorship), key -> new HashSet<>())
                        .add(work.identifiers().get("doi"));
            }
        }
        // the expected figure counts the one author with no name at all (key "name:"), which is dropped here
        assertThat(worksByAuthor).hasSize(expected.get("distinct_authors").intValue() - 1);
        assertThat(worksByAuthor.values().stream().filter(works -> works.size() >= 3))
                .hasSize(expected.get("authors_with_ge3_works").intValue());
        for (JsonNode top : expected.get("top5")) {
            assertThat(worksByAuthor.get(top.get("author").asString())).as(top.get("author").asString())
                    .hasSize(top.get("works_in_sample").intValue());
        }
    }

    /** The key habanero-expected.json counts authors by: ORCID if present, else the printed name. */
    private static String authorKey(SubmittedAuthorship authorship) {
        String orcid = authorship.ids().get("orcid");
        return orcid != null ? "orcid:" + orcid : "name:" + authorship.name();
    }

    private static long count(Predicate<SubmittedWork> predicate) {
        return works.stream().filter(predicate).count();
    }

    private static SubmittedWork work(String doi) {
        return works.stream().filter(w -> doi.equals(w.identifiers().get("doi"))).findFirst().orElseThrow();
    }
}
