package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.bzpeer.ingest.work.format.ArxivOaiFormatTest.author;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** {@link ArxivAtomFormat} on the recorded arXiv API responses of the shared data. */
class ArxivAtomFormatTest {

    private static final String FIXTURES = "arxiv/atom/arxivpy_fixtures/";
    private static final ArxivAtomFormat FORMAT = new ArxivAtomFormat(TestRecords.LIMITS);

    @Test
    void anEntryWithAffiliationsAndAJournalReference() {
        List<XmlWorkFormat.Record> records = read("id_astro-ph_0601001_s0_m100_3150dca9dc76.atom.xml");

        SubmittedWork work = XmlTestDocuments.work(records.get(0));
        assertThat(records).hasSize(1);
        assertThat(work).isEqualTo(new SubmittedWork("arxiv", Map.of("arxiv", "astro-ph/0601001"), "preprint", 2006,
                "2006-01-02", new SubmittedVenue("ActaAstron.56:1-50,2006", null, null, null),
                "Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the "
                        + "Galactic Bulge and Carina",
                work.abstractText(), null, false,
                List.of(author("Andrew Gould", "Ohio State"), author("Susan Dorsher", "Ohio State"),
                        author("B. Scott Gaudi", "CfA"), author("Andrzej Udalski", "Warsaw University Observatory")),
                List.of(new SubmittedTopic("arxiv:astro-ph", "Astrophysics", null))));
        assertThat(work.abstractText()).startsWith("We derive the frequencies of hot Jupiters (HJs) with 3--5 day "
                + "periods").contains("Gould & Morgan (2003)", "V_max<17.5")
                .endsWith("there are too few in the sample to map this distribution in detail.");
    }

    @Test
    void theDoiOfThePublishedVersionMakesItOneWorkWithIt() {
        SubmittedWork work = XmlTestDocuments.work(read("2016_id_list_1111.2011v2.xml").get(0));

        assertThat(work.identifiers()).isEqualTo(Map.of("arxiv", "1111.2011", "doi", "10.1103/physrevb.85.115117"));
        assertThat(work.venue().name()).isEqualTo("Phys. Rev. B 85, 115117 (2012)");
        assertThat(work.topics()).extracting(SubmittedTopic::id)
                .containsExactly("arxiv:cond-mat.str-el", "arxiv:cond-mat.stat-mech");
        assertThat(work.authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic");
    }

    @Test
    void anErrorEntryIsRejectedWithTheApisMessageAndAnEmptyFeedHasNoRecords() {
        assertThat(read("id_abc_s0_m100_b79c8dcf6bc3.atom.xml")).containsExactly(new XmlWorkFormat.Rejected("id",
                "the arXiv API reports an error instead of a paper: incorrect id format for abc"));
        assertThat(read("id_0000.0000_s0_m100_8b51d9633a68.atom.xml")).isEmpty();
    }

    @Test
    void entriesWithoutNamespacesReadTheSame() {
        List<XmlWorkFormat.Record> records = XmlTestDocuments.read(FORMAT, """
                <feed><entry><id>http://arxiv.org/abs/2104.12255v1</id><published>2021-04-25T20:41:39Z</published>
                <title>Fran\\c{c}ois and {\\"O}zt{\\"u}rk -- a study</title><author><name>Fran\\c{c}ois Le Gall</name>
                <affiliation>Nagoya</affiliation></author><author><name>ATLAS Collaboration</name></author>
                <doi>10.1000/X1</doi><primary_category term="cs.DS"/><category term="cs.DS"/>
                <category term="quant-ph"/></entry></feed>
                """);

        SubmittedWork work = XmlTestDocuments.work(records.get(0));
        assertThat(work.identifiers()).isEqualTo(Map.of("arxiv", "2104.12255", "doi", "10.1000/x1"));
        assertThat(work.title()).isEqualTo("François and Öztürk – a study");
        assertThat(work.authorships()).containsExactly(author("François Le Gall", "Nagoya"),
                author("ATLAS Collaboration"));
        assertThat(work.topics()).extracting(SubmittedTopic::id).containsExactly("arxiv:cs.DS", "arxiv:quant-ph");
        assertThat(work.venue()).isEqualTo(new SubmittedVenue("arXiv", null, "repository", null));
    }

    /**
     * Every recorded feed parses; the 100-entry search agrees with the figures derived independently from it
     * ({@code q_testing_s0_m100.expected.json}: works, distinct author names, the five most frequent names).
     */
    @Test
    void everyFixtureParsesAndTheSearchPageAgreesWithItsExpectedFigures() throws IOException {
        Path fixtures = SharedData.dir().resolve(FIXTURES);
        assumeTrue(Files.isDirectory(fixtures), SharedData.missing(fixtures));
        List<String> rejections = new ArrayList<>();
        int works = 0;
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                for (XmlWorkFormat.Record record : XmlTestDocuments.read(FORMAT, file)) {
                    if (record instanceof XmlWorkFormat.Rejected rejected) {
                        rejections.add(file.getFileName() + ": " + rejected);
                    } else {
                        works++;
                    }
                }
            }
        }
        assertThat(works).isEqualTo(232);
        assertThat(rejections).singleElement().asString().startsWith("id_abc_");

        List<SubmittedWork> page = read("q_testing_s0_m100_cfe7536492ca.atom.xml").stream()
                .map(XmlTestDocuments::work).toList();
        JsonNode expected = TestRecords.MAPPER.readTree(SharedData.require(FIXTURES
                + "q_testing_s0_m100.expected.json"));
        Map<String, Integer> worksByName = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (SubmittedWork work : page) {
            work.authorships().forEach(authorship -> {
                names.add(authorship.name());
                worksByName.merge(authorship.name(), 1, Integer::sum);
            });
        }
        assertThat(page).hasSize(expected.get("works").asInt());
        assertThat(names).hasSize(expected.get("distinct_authors").asInt());
        for (JsonNode top : expected.get("top5")) {
            assertThat(worksByName.get(top.get("name").asString())).as(top.get("name").asString())
                    .isEqualTo(top.get("works_in_sample").asInt());
        }
    }

    private static List<XmlWorkFormat.Record> read(String fixture) {
        return XmlTestDocuments.read(FORMAT, SharedData.require(FIXTURES + fixture));
    }
}
