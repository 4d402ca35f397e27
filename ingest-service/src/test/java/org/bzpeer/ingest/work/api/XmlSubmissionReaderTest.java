package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bzpeer.ingest.work.application.IndexedSubmission;
import org.bzpeer.ingest.work.application.RecordOutcome;
import org.bzpeer.ingest.work.format.ArxivAtomFormat;
import org.bzpeer.ingest.work.format.ArxivOaiFormat;
import org.bzpeer.ingest.work.format.DblpFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.format.RecordParser;
import org.bzpeer.ingest.work.format.SourceFormat;
import org.bzpeer.ingest.work.format.WorkFormats;
import org.bzpeer.testkit.HeapWatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The reader on XML bodies: streamed record by record in bounded memory, breaks, limits, gzip, the root sniffed. */
class XmlSubmissionReaderTest {

    /** Records of the large stream: about 5 KB each. */
    private static final int RECORDS = 64_000;
    private static final RecordLimits LIMITS = RecordLimits.defaults();
    private static final ArxivOaiFormat OAI = new ArxivOaiFormat(LIMITS);
    private static final WorkFormats FORMATS = new WorkFormats(List.of(new ArxivAtomFormat(LIMITS), OAI,
            new DblpFormat(LIMITS)));

    /**
     * A 300 MB OAI page, generated while read, goes through the reader with the heap kept alive staying within a few
     * MiB of where it started: records are held one at a time, never the document. Runs in the module's
     * bounded-memory JVM (64 MiB heap).
     */
    @Tag("bounded-memory")
    @Test
    void aLargeOaiStreamIsReadInBoundedMemory() {
        GeneratedOaiStream body = new GeneratedOaiStream(RECORDS, 97, 1_009);
        CountingStream counted = new CountingStream(body);
        long works = 0;
        Map<String, Integer> rejectedBy = new TreeMap<>();
        long started = System.nanoTime();
        try (HeapWatch heap = HeapWatch.start()) {
            SubmissionReader.Submission submission = reader(DataSize.ofGigabytes(1)).open(counted, false, false, OAI);
            int batches = 0;
            for (var batch = submission.nextBatch(500, 50_000); batch != null; batch = submission.nextBatch(500,
                    50_000)) {
                works += batch.valid().size();
                batch.rejected().forEach(rejected -> rejectedBy.merge(rejected.field(), 1, Integer::sum));
                if (++batches % 20 == 0) {
                    heap.collectNow();
                }
            }
            submission.close();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("generated OAI stream: %.0f MiB, %d records in %.1f s (%.0f records/s); %s%n",
                    counted.count / 1048576.0, works + rejectedBy.values().stream().mapToInt(i -> i).sum(), seconds,
                    RECORDS / seconds, heap.summary());
            assertThat(counted.count).isGreaterThan(300L * 1024 * 1024);
            assertThat(heap.keptAliveBytes()).as(heap.summary())
                    .isLessThan(24L * 1024 * 1024);
        }
        assertThat(rejectedBy).isEqualTo(Map.of("header.status", (int) body.deleted(),
                "metadata.arXiv.doi", (int) body.badDois()));
        assertThat(works).isEqualTo(RECORDS - body.deleted() - body.badDois());
    }

    @Test
    void aDocumentBrokenMidwayKeepsTheRecordsBeforeTheBreak() {
        String whole = oai(record("0704.0001") + record("0704.0002") + record("0704.0003"));
        String broken = whole.replace("<title>T 0704.0003</title>", "<title>T 0704.0003</titel>");

        Read read = read(broken.getBytes(StandardCharsets.UTF_8), false, OAI, DataSize.ofMegabytes(1));

        assertThat(read.valid()).containsExactly(0, 1);
        assertThat(read.rejected()).containsOnlyKeys(2);
        assertThat(read.rejected().get(2).reason())
                .startsWith("the XML body is broken here: ParseError at [row,col]:[")
                .contains("</title>")
                .endsWith("; this record and the rest of the body were not read");
    }

    @Test
    void anXmlFormatIsFoundByTheRootElementAndAnUnknownRootIsNamed() {
        byte[] dblp = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!DOCTYPE dblp SYSTEM \"dblp.dtd\">\n"
                + "<dblp><book key=\"b/1\"><author>J&ouml;rg</author><title>B</title></book></dblp>")
                .getBytes(StandardCharsets.ISO_8859_1);
        Read read = read(dblp, false, FORMATS.byRootElement(), DataSize.ofMegabytes(1));
        assertThat(read.works()).singleElement().satisfies(work -> {
            assertThat(work.work().source()).isEqualTo("dblp");
            assertThat(work.work().authorships().get(0).name()).isEqualTo("Jörg");
        });

        Read unknown = read("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>"
                .getBytes(StandardCharsets.UTF_8), false, FORMATS.byRootElement(), DataSize.ofMegabytes(1));
        assertThat(unknown.rejected().get(0).reason()).contains("the root element <RDF> belongs to no XML format "
                + "read here (<OAI-PMH> arxiv-oai, <dblp> dblp, <feed> arxiv-atom)");
    }

    @Test
    void aGzipXmlBodyIsDecodedWhileRead() {
        byte[] body = SubmissionReaderTest.gzip(oai(record("0704.0001") + record("0704.0002"))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(read(body, true, OAI, DataSize.ofMegabytes(1)).valid()).containsExactly(0, 1);
    }

    @Test
    void readingStopsAtTheBodyLimitAfterTheRecordsBeforeIt() {
        String body = oai(record("0704.0001") + record("0704.0002") + record("0704.0003"));
        int limit = body.indexOf("<record><header><identifier>oai:arXiv.org:0704.0003");

        Read read = read(body.getBytes(StandardCharsets.UTF_8), false, OAI, DataSize.ofBytes(limit));

        assertThat(read.valid()).containsExactly(0, 1);
        assertThat(read.rejected()).isEmpty();
        assertThat(read.bodyTooLarge()).isTrue();
    }

    /** What became of each record of a body, by position. */
    record Read(List<IndexedSubmission> works, Map<Integer, RecordOutcome.Rejected> rejected, boolean bodyTooLarge) {

        List<Integer> valid() {
            return works.stream().map(IndexedSubmission::index).toList();
        }
    }

    private static Read read(byte[] body, boolean gzip, SourceFormat format, DataSize maxBody) {
        SubmissionReader.Submission submission =
                reader(maxBody).open(new ByteArrayInputStream(body), gzip, false, format);
        List<IndexedSubmission> works = new ArrayList<>();
        Map<Integer, RecordOutcome.Rejected> rejected = new TreeMap<>();
        for (var batch = submission.nextBatch(2, 50_000); batch != null; batch = submission.nextBatch(2, 50_000)) {
            works.addAll(batch.valid());
            batch.rejected().forEach(record -> rejected.put(record.index(), record));
        }
        submission.close();
        return new Read(works, rejected, submission.bodyTooLarge());
    }

    private static SubmissionReader reader(DataSize maxBody) {
        return new SubmissionReader(new RecordParser(LIMITS), new SubmissionLimits(maxBody, DataSize.ofMegabytes(1)));
    }

    static String oai(String records) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
                + "<ListRecords>" + records + "</ListRecords></OAI-PMH>";
    }

    static String record(String arxivId) {
        return "<record><header><identifier>oai:arXiv.org:" + arxivId + "</identifier></header><metadata>"
                + "<arXiv xmlns=\"http://arxiv.org/OAI/arXiv/\"><id>" + arxivId + "</id><created>2007-04-01"
                + "</created><authors><author><keyname>Author</keyname><forenames>A.</forenames></author></authors>"
                + "<title>T " + arxivId + "</title><categories>cs.AI</categories></arXiv></metadata></record>\n";
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {

        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count += Math.max(read, 0);
            return read;
        }
    }
}
