package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DblpFormat} on the two DBLP files of the shared data (ISO-8859-1, entities from dblp.dtd, which is never
 * read) and on hostile documents: no external entity is expanded and no DTD is fetched.
 */
class DblpFormatTest {

    private static final DblpFormat FORMAT = new DblpFormat(TestRecords.LIMITS);

    @Test
    void theFatcatExampleRecordByRecord() {
        List<XmlWorkFormat.Record> records = read("dblp/fatcat_example_dblp.xml");

        assertThat(records).hasSize(5);
        assertThat(XmlTestDocuments.work(records.get(0))).isEqualTo(new SubmittedWork("dblp",
                Map.of("dblp", "conf/er/Norrie08"), "proceedings-article", 2008, null,
                new SubmittedVenue("ER", null, "conference", null), "PIM Meets Web 2.0", null, null, false,
                List.of(dblpAuthor("Moira C. Norrie", "Moira C. Norrie"),
                        dblpAuthor("Michael H. Böhlen", "Michael H. Böhlen")),
                List.of()));
        SubmittedWork proceedings = XmlTestDocuments.work(records.get(1));
        assertThat(proceedings.type()).isEqualTo("proceedings");
        assertThat(proceedings.authorships()).as("editors are not authors").isEmpty();
        assertThat(XmlTestDocuments.work(records.get(2))).isEqualTo(new SubmittedWork("dblp",
                Map.of("dblp", "journals/cacm/Gentry10", "doi", "10.1145/1666420.1666444"), "article", 2010, null,
                new SubmittedVenue("Commun. ACM", null, "journal", null),
                "Computing arbitrary functions of encrypted data", null, null, false,
                List.of(dblpAuthor("Craig Gentry", "Craig Gentry")), List.of()));
        assertThat(XmlTestDocuments.work(records.get(3)).identifiers())
                .isEqualTo(Map.of("dblp", "conf/focs/Yao82a", "doi", "10.1109/sfcs.1982.45"));
        assertThat(records.get(4)).isEqualTo(new XmlWorkFormat.Rejected("$",
                "a DBLP person page (www record homepages/g/OdedGoldreich), not a work"));
    }

    @Test
    void anEeLinkWithAMalformedDoiIsOnlyALink() {
        assertThat(XmlTestDocuments.work(read("dblp/fatcat_example_dblp.xml").get(0)).identifiers())
                .as("the record's ee is http://dx.doi.org/10.1007/978-3-540-87877-3 3, with a space")
                .doesNotContainKey("doi");
    }

    @Test
    void namesakeNumbersStayOutOfTheNameAndInTheDblpId() {
        List<SubmittedWork> works = read("dblp/shenka123_dblp_head.xml").stream().map(XmlTestDocuments::work)
                .toList();

        assertThat(works).hasSize(131).allSatisfy(work -> {
            assertThat(work.type()).isEqualTo("book-chapter");
            assertThat(work.identifiers()).containsKeys("dblp", "doi");
        });
        SubmittedWork singh = works.stream().filter(work -> work.identifiers().get("dblp")
                .equals("reference/vision/Singh14")).findFirst().orElseThrow();
        assertThat(singh).isEqualTo(new SubmittedWork("dblp",
                Map.of("dblp", "reference/vision/Singh14", "doi", "10.1007/978-0-387-31439-6_559"), "book-chapter",
                2014, null, new SubmittedVenue("Computer Vision, A Reference Guide", null, "book", null),
                "Transparency and Translucency", null, null, false,
                List.of(dblpAuthor("Manish Singh", "Manish Singh 0001")), List.of()));
        assertThat(works).flatExtracting(SubmittedWork::authorships).filteredOn(a -> a.ids().containsKey("orcid"))
                .extracting(SubmittedAuthorship::name, a -> a.ids().get("orcid"))
                .contains(tuple("Sylvia C. Pont", "0000-0002-9834-9600"));
        assertThat(works).flatExtracting(SubmittedWork::authorships).extracting(SubmittedAuthorship::name)
                .as("Latin-1 entities").contains("Jürgen Beyerer", "Matti Pietikäinen", "François Chaumette");
    }

    @Test
    void latin1EntitiesAndPidsAndEveryRecordKind() {
        List<XmlWorkFormat.Record> records = XmlTestDocuments.read(FORMAT, new ByteArrayInputStream(("""
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <!DOCTYPE dblp SYSTEM "https://dblp.org/xml/dblp.dtd">
                <dblp>
                <article key="journals/corr/abs-1" publtype="informal"><author pid="12/3456">Fran&ccedil;ois
                G&ouml;del</author><title>The <i>k</i>-server problem.</title><year>2019</year>
                <journal>CoRR</journal><ee>https://arxiv.org/abs/1901.00001v2</ee></article>
                <phdthesis key="phd/Sch&uuml;tz"><author>Jörg Schütz</author><title>Thesis.</title>
                <school>TU M&uuml;nchen</school><year>1999</year></phdthesis>
                <mastersthesis key="ms/x"><author>A</author><title>M</title></mastersthesis>
                <book key="books/b"><author>B</author><title>Book</title></book>
                <data key="data/d"><title>Data</title></data>
                </dblp>
                """).getBytes(StandardCharsets.ISO_8859_1)));

        SubmittedWork corr = XmlTestDocuments.work(records.get(0));
        assertThat(corr.type()).isEqualTo("preprint");
        assertThat(corr.title()).isEqualTo("The k-server problem");
        assertThat(corr.identifiers()).isEqualTo(Map.of("dblp", "journals/corr/abs-1", "arxiv", "1901.00001"));
        assertThat(corr.authorships()).containsExactly(dblpAuthor("François Gödel", "12/3456"));
        SubmittedWork thesis = XmlTestDocuments.work(records.get(1));
        assertThat(thesis.identifiers()).containsEntry("dblp", "phd/Schütz");
        assertThat(thesis.venue()).isEqualTo(new SubmittedVenue("TU München", null, "school", null));
        assertThat(thesis.type()).isEqualTo("dissertation");
        assertThat(thesis.authorships()).extracting(SubmittedAuthorship::name).containsExactly("Jörg Schütz");
        assertThat(XmlTestDocuments.work(records.get(2)).type()).isEqualTo("dissertation");
        assertThat(XmlTestDocuments.work(records.get(3)).type()).isEqualTo("book");
        assertThat(records.get(4)).isInstanceOfSatisfying(XmlWorkFormat.Rejected.class,
                rejected -> assertThat(rejected.reason()).startsWith("DBLP record kind <data> is not a work type"));
    }

    @Test
    void anExternalEntityIsNeverExpanded(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP SECRET");
        String document = "<?xml version=\"1.0\"?>\n<!DOCTYPE dblp SYSTEM \"dblp.dtd\" [\n<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">\n]>\n<dblp><article key=\"a/b\"><author>&x;</author><title>T</title>"
                + "</article></dblp>";

        assertThatThrownBy(() -> XmlTestDocuments.read(FORMAT, document))
                .hasMessageContaining("a document type declaration with an internal subset is not accepted")
                .hasMessageNotContaining("TOP SECRET");
        assertThatThrownBy(() -> XmlTestDocuments.read(new ArxivOaiFormat(TestRecords.LIMITS),
                document.replace("dblp", "OAI-PMH")))
                .hasMessageNotContaining("TOP SECRET");
    }

    @Test
    void noDtdIsFetchedWhateverTheDocumentNames() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.setSoTimeout(1);
            String document = "<?xml version=\"1.0\"?>\n<!DOCTYPE dblp SYSTEM \"http://127.0.0.1:"
                    + listener.getLocalPort() + "/dblp.dtd\">\n<dblp><book key=\"b/c\"><title>T&eacute;</title>"
                    + "</book></dblp>";

            assertThat(XmlTestDocuments.work(XmlTestDocuments.read(FORMAT, document).get(0)).title()).isEqualTo("Té");
            assertThatThrownBy(listener::accept).as("nobody connected").isInstanceOf(IOException.class);
        }
    }

    @Test
    void aRecordUsingAnEntityOutsideLatin1IsRejectedAlone() {
        List<XmlWorkFormat.Record> records = XmlTestDocuments.read(FORMAT, "<!DOCTYPE dblp SYSTEM \"dblp.dtd\">"
                + "<dblp><book key=\"b\"><title>&alpha;</title></book><book key=\"c\"><title>C</title></book></dblp>");

        assertThat(records).hasSize(2).first()
                .isEqualTo(new XmlWorkFormat.Rejected("title", "uses the entity &alpha; which is not defined"));
        assertThat(XmlTestDocuments.work(records.get(1)).title()).isEqualTo("C");
    }

    private static SubmittedAuthorship dblpAuthor(String name, String dblpId) {
        return new SubmittedAuthorship(name, Map.of("dblp", dblpId), List.of(), false);
    }

    private static List<XmlWorkFormat.Record> read(String file) {
        try {
            return XmlTestDocuments.read(FORMAT, Files.newInputStream(SharedData.require(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
