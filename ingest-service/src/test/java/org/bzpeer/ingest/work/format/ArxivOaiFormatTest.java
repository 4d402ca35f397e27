package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TarGzEntries;
import org.junit.jupiter.api.Test;

/**
 * {@link ArxivOaiFormat}: golden records from the real OAI-PMH pages of the shared data (metadataPrefix arXiv, set cs,
 * read from the tar.gz in place), and arXivRaw and deleted records written from arXiv's published schema.
 */
class ArxivOaiFormatTest {

    private static final String PAGES = "arxiv/oai-cs-2016/listrecords-pages.tar.gz";
    private static final ArxivOaiFormat FORMAT = new ArxivOaiFormat(TestRecords.LIMITS);
    /** The pages the golden records are on, read in one pass over the archive when first needed. */
    private static final Set<String> GOLDEN_PAGES = Set.of("page_001.xml", "page_003.xml", "page_031.xml",
            "page_033.xml");
    private static final Map<String, List<XmlWorkFormat.Record>> READ_PAGES = new HashMap<>();

    @Test
    void texNamesAffiliationsAndTheJournalReferenceOfARealRecord() {
        assertThat(realRecord("page_001.xml", "0707.2506")).isEqualTo(new SubmittedWork("arxiv",
                Map.of("arxiv", "0707.2506"), "preprint", 2007, "2007-07-17",
                new SubmittedVenue("Dans The International Conference on Automated Planning and Scheduling (2007)",
                        null, null, null),
                "Mixed Integer Linear Programming For Exact Finite-Horizon Planning In Decentralized Pomdps",
                realRecord("page_001.xml", "0707.2506").abstractText(), null, false,
                List.of(author("Raghav Aras", "INRIA Lorraine - LORIA"),
                        author("Alain Dutech", "INRIA Lorraine - LORIA"),
                        author("François Charpillet", "INRIA Lorraine - LORIA")),
                List.of(new SubmittedTopic("arxiv:cs.AI", "Artificial Intelligence", null))));
        assertThat(realRecord("page_001.xml", "0707.2506").abstractText())
                .startsWith("We consider the problem of finding an n-agent joint-policy for the optimal finite-horizon "
                        + "control of a decentralized Pomdp (Dec-Pomdp). This is a problem of very high complexity "
                        + "(NEXP-hard in n >= 2).")
                .endsWith("whereas existing algorithms require several hours to solve it.")
                .doesNotContain("\n");
    }

    @Test
    void theDoiOfThePublishedVersionAndASuffixThatTellsFatherAndSonApart() {
        SubmittedWork work = realRecord("page_033.xml", "1206.1012");

        assertThat(work.identifiers()).containsExactlyInAnyOrderEntriesOf(
                Map.of("arxiv", "1206.1012", "doi", "10.1007/978-3-642-29353-5_8"));
        assertThat(work.authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("Iztok Fister Jr.", "Iztok Fister", "Janez Brest");
        assertThat(work.venue().name()).startsWith("I. JR.,Fister, I., Fister and J., Brest. A Hybrid Artificial Bee "
                + "Colony Algorithm for Graph 3-Coloring. In Swarm");
        assertThat(work.publicationDate()).isEqualTo("2012-05-06");
    }

    @Test
    void theSameNameTwiceInOneRecordKeepsTheFirstPosition() {
        assertThat(realRecord("page_003.xml", "0802.3086").authorships()).extracting(SubmittedAuthorship::name)
                .containsExactly("A. A. Hamzah", "Y. Husaini", "B. Y. Majlis", "I. Ahmad");
    }

    @Test
    void aCollaborationInTheSurnameFieldIsAnAuthorshipOfItsOwn() {
        SubmittedWork work = realRecord("page_031.xml", "1204.4134");

        assertThat(work.authorships()).hasSize(27);
        assertThat(work.authorships().get(0)).isEqualTo(new SubmittedAuthorship("Janus Collaboration", Map.of(),
                List.of(), false));
        assertThat(work.authorships().get(1).name()).isEqualTo("M. Baity-Jesi");
        assertThat(work.topics()).extracting(SubmittedTopic::name)
                .containsExactly("Disordered Systems and Neural Networks", "Hardware Architecture");
        assertThat(work.title()).isEqualTo("Reconfigurable computing for Monte Carlo simulations: results and "
                + "prospects of the Janus project");
    }

    @Test
    void anArxivRawRecordReadsItsAuthorStringAndTheDateOfItsFirstVersion() {
        List<XmlWorkFormat.Record> records = XmlTestDocuments.read(FORMAT, page("""
                <record><header><identifier>oai:arXiv.org:0704.0001</identifier><datestamp>2008-11-13</datestamp>
                <setSpec>physics:hep-ph</setSpec></header>
                <metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>0704.0001</id>
                <submitter>Pavel Nadolsky</submitter>
                <version version="v1"><date>Mon, 2 Apr 2007 19:18:42 GMT</date><size>464kb</size>
                <source_type>D</source_type></version>
                <version version="v2"><date>Tue, 24 Jul 2007 20:10:27 GMT</date><size>464kb</size></version>
                <title>Calculation of prompt diphoton production cross sections at Tevatron and
                  LHC energies</title>
                <authors>C. Bal\\'azs, E. L. Berger, P. M. Nadolsky (Southern Methodist U.), C.-P. Yuan and
                  C. Bal\\'azs</authors>
                <categories>hep-ph</categories><comments>37 pages, 15 figures</comments>
                <report-no>ANL-HEP-PR-07-12</report-no><journal-ref>Phys.Rev.D76:013009,2007</journal-ref>
                <doi>10.1103/PhysRevD.76.013009</doi>
                <abstract>  A fully differential calculation in perturbative quantum chromodynamics is
                presented for the production of massive photon pairs at hadron colliders.
                </abstract></arXivRaw></metadata></record>
                """));

        assertThat(records).singleElement().isEqualTo(new XmlWorkFormat.Parsed(new SubmittedWork("arxiv",
                Map.of("arxiv", "0704.0001", "doi", "10.1103/physrevd.76.013009"), "preprint", 2007, "2007-04-02",
                new SubmittedVenue("Phys.Rev.D76:013009,2007", null, null, null),
                "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
                "A fully differential calculation in perturbative quantum chromodynamics is presented for the "
                        + "production of massive photon pairs at hadron colliders.",
                null, false,
                List.of(author("C. Balázs"), author("E. L. Berger"),
                        author("P. M. Nadolsky", "Southern Methodist U."), author("C.-P. Yuan")),
                List.of(new SubmittedTopic("arxiv:hep-ph", "High Energy Physics - Phenomenology", null)))));
    }

    @Test
    void aDeletedRecordIsRejectedNamingItsIdentifierAndReadingGoesOn() {
        List<XmlWorkFormat.Record> records = XmlTestDocuments.read(FORMAT, page("""
                <record><header status="deleted"><identifier>oai:arXiv.org:0704.0003</identifier>
                <datestamp>2010-01-01</datestamp></header></record>
                <record><header><identifier>oai:arXiv.org:0704.0004</identifier></header><metadata>
                <arXiv><id>0704.0004</id><created>2007-03-30</created><title>A determinant of Stirling cycle
                numbers counts unlabeled acyclic single-source automata</title><authors><author>
                <keyname>Callan</keyname><forenames>David</forenames></author></authors>
                <categories>math.CO</categories></arXiv></metadata></record>
                <record><header><identifier>oai:arXiv.org:0704.0005</identifier></header><metadata>
                <oai_dc><title>Dublin Core</title></oai_dc></metadata></record>
                """));

        assertThat(records).hasSize(3);
        assertThat(records.get(0)).isEqualTo(new XmlWorkFormat.Rejected("header.status",
                "the OAI record oai:arXiv.org:0704.0003 is deleted; there is nothing to import"));
        assertThat(XmlTestDocuments.work(records.get(1)).title())
                .isEqualTo("A determinant of Stirling cycle numbers counts unlabeled acyclic single-source automata");
        assertThat(records.get(2)).isEqualTo(new XmlWorkFormat.Rejected("metadata.oai_dc",
                "metadata format oai_dc is not read; harvest with metadataPrefix arXiv or arXivRaw"));
    }

    @Test
    void aMalformedIdentifierRejectsTheRecordNamingTheElement() {
        List<XmlWorkFormat.Record> records = XmlTestDocuments.read(FORMAT, page("""
                <record><header/><metadata><arXiv><id>0704.0004</id><doi>not a doi</doi><title>T</title></arXiv>
                </metadata></record>
                <record><header/><metadata><arXiv><id>nonsense</id><title>T</title></arXiv></metadata></record>
                <record><header/><metadata><arXiv><id>0704.0006</id><created>0007-01-01</created><title>T</title>
                </arXiv></metadata></record>
                """));

        assertThat(records).extracting(record -> ((XmlWorkFormat.Rejected) record).field())
                .containsExactly("metadata.arXiv.doi", "metadata.arXiv.id", "metadata.arXiv.created");
    }

    @Test
    void aDocumentThatIsNotOaiPmhIsRefused() {
        assertThatThrownBy(() -> XmlTestDocuments.read(FORMAT, "<feed><entry/></feed>"))
                .hasMessageContaining("the root element is <feed>, not <OAI-PMH>");
    }

    static SubmittedAuthorship author(String name, String... affiliations) {
        return new SubmittedAuthorship(name, Map.of(),
                Arrays.stream(affiliations).map(a -> new SubmittedInstitution(null, a, null, null)).toList(),
                false);
    }

    private static String page(String records) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2016-03-09T00:35:38Z</responseDate>
                <request verb="ListRecords" metadataPrefix="arXiv">http://export.arxiv.org/oai2</request>
                <ListRecords>
                """ + records + "<resumptionToken cursor=\"0\">1|1001</resumptionToken></ListRecords></OAI-PMH>";
    }

    private static SubmittedWork realRecord(String page, String arxivId) {
        if (READ_PAGES.isEmpty()) {
            TarGzEntries.forEach(SharedData.require(PAGES), GOLDEN_PAGES::contains, (name, content) ->
                    READ_PAGES.put(name, XmlTestDocuments.read(FORMAT, new ByteArrayInputStream(content))));
        }
        return READ_PAGES.get(page).stream().map(XmlTestDocuments::work)
                .filter(work -> arxivId.equals(work.identifiers().get("arxiv")))
                .findFirst().orElseThrow(() -> new AssertionError(arxivId + " is not on " + page));
    }
}
