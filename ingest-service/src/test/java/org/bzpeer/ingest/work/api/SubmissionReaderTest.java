package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import org.bzpeer.ingest.work.application.RecordOutcome;
import org.bzpeer.ingest.work.format.BzpeerWorkFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.format.RecordParser;
import org.bzpeer.kit.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The reader on its own: how bodies are cut into records, and what happens at every limit and break. */
class SubmissionReaderTest {

    private static final RecordLimits RECORD_LIMITS = RecordLimits.defaults();
    private static final BzpeerWorkFormat FORMAT = new BzpeerWorkFormat(RECORD_LIMITS);

    @Test
    void ndjsonIsCutAtEachNewlineSkippingBlankLinesAndAByteOrderMarkAtTheStart() {
        String body = "\uFEFF" + good(0) + "\r\n\n  \n" + good(1) + "\n" + good(2);

        Read read = read(body, true);

        assertThat(read.valid()).containsExactly(0, 1, 2);
        assertThat(read.rejected()).isEmpty();
    }

    @Test
    void anNdjsonLineLongerThanTheLimitIsRejectedAloneAndReadingGoesOn() {
        String body = good(0) + "\n{\"title\": \"" + "x".repeat(5_000) + "\"}\n" + good(2);

        Read read = read(body, true, DataSize.ofMegabytes(1), DataSize.ofKilobytes(4));

        assertThat(read.valid()).containsExactly(0, 2);
        assertThat(read.rejected()).containsOnlyKeys(1);
        assertThat(read.rejected().get(1).reason()).isEqualTo("the record is 5013 bytes long; at most 4096 are "
                + "accepted");
    }

    @Test
    void aJsonArrayIsCutAtItsTopLevelCommasAndABadElementIsRejectedAlone() {
        String body = "\uFEFF [ " + good(0) + ",\n{\"type\": tru, \"x\": \"],{\"},\n42,\n" + good(3) + " ]\n";

        Read read = read(body, false);

        assertThat(read.valid()).containsExactly(0, 3);
        assertThat(read.rejected().get(1).reason()).startsWith("not valid JSON: Unrecognized token 'tru'");
        assertThat(read.rejected().get(2).reason()).isEqualTo("the record must be a JSON object");
    }

    @Test
    void aJsonArrayBrokenMidwayKeepsTheRecordsBeforeTheBreak() {
        String body = "[" + good(0) + "," + good(1) + ",{\"title\": [1}, " + good(3) + "]";

        Read read = read(body, false);

        assertThat(read.valid()).containsExactly(0, 1);
        assertThat(read.rejected()).containsOnlyKeys(2);
        assertThat(read.rejected().get(2).reason()).startsWith("the JSON array is broken here: '}' closes an array "
                + "(byte ").endsWith("; this record and the rest of the body were not read");
    }

    @Test
    void aTruncatedJsonArrayKeepsTheRecordsBeforeTheCut() {
        String whole = "[" + good(0) + "," + good(1) + "]";

        Read read = read(whole.substring(0, whole.length() - 20), false);

        assertThat(read.valid()).containsExactly(0);
        assertThat(read.rejected().get(1).reason()).startsWith("the JSON array is broken here: the body ends inside "
                + "this record, before the array is closed");
    }

    @Test
    void aSingleObjectBodyIsOneRecord() {
        assertThat(read(good(0), false).valid()).containsExactly(0);
        assertThat(read("[]", false).valid()).isEmpty();
    }

    @Test
    void gzipBodiesAreDecodedWhileRead() {
        byte[] body = gzip((good(0) + "\n" + good(1)).getBytes(StandardCharsets.UTF_8));

        Read read = read(body, true, true, DataSize.ofMegabytes(1), DataSize.ofMegabytes(1));

        assertThat(read.valid()).containsExactly(0, 1);
    }

    @Test
    void aBodyAnnouncedAsGzipThatIsNotIsAProblemNamingTheHeader() {
        assertThatExceptionOfType(ProblemException.class)
                .isThrownBy(() -> read(good(0).getBytes(StandardCharsets.UTF_8), true, true, DataSize.ofMegabytes(1),
                        DataSize.ofMegabytes(1)))
                .satisfies(e -> assertThat(e.getBody().getProperties()).containsEntry("field", "Content-Encoding"));
    }

    @Test
    void readingStopsAtTheBodyLimitAfterTheRecordsBeforeIt() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.append(good(i)).append('\n');
        }
        int limit = body.indexOf(good(6));

        Read read = read(body.toString().getBytes(StandardCharsets.UTF_8), true, false, DataSize.ofBytes(limit),
                DataSize.ofMegabytes(1));

        assertThat(read.valid()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(read.bodyTooLarge()).isTrue();
    }

    @Test
    void theBodyLimitCountsDecodedBytesSoAGzipBombIsCutOff() {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(100 * 1024);

        Read read = read(bomb, true, true, DataSize.ofMegabytes(8), DataSize.ofMegabytes(1));

        assertThat(read.bodyTooLarge()).isTrue();
    }

    @Test
    void aBatchClosesEarlyWhenItsWorksHoldManyAuthorships() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            body.append(WorkSubmissionTest.work("10.1/" + i, "T", null, "A " + i)
                    .replace("}]}", "}, {\"name\": \"B " + i + "\"}]}")).append('\n');
        }
        SubmissionReader.Submission submission = reader(DataSize.ofMegabytes(1), DataSize.ofMegabytes(1))
                .open(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)), false, true, FORMAT);

        List<Integer> sizes = new ArrayList<>();
        for (var batch = submission.nextBatch(500, 3); batch != null; batch = submission.nextBatch(500, 3)) {
            assertThat(batch.rejected()).isEmpty();
            sizes.add(batch.valid().size());
        }

        assertThat(sizes).containsExactly(2, 2, 1);
    }

    static String good(int i) {
        return WorkSubmissionTest.work("10.1234/reader-" + i, "Work " + i, null, "Author " + i);
    }

    /** What became of each record of a body, by position. */
    record Read(List<Integer> valid, Map<Integer, RecordOutcome.Rejected> rejected, boolean bodyTooLarge) {
    }

    private static Read read(String body, boolean ndjson) {
        return read(body, ndjson, DataSize.ofMegabytes(1), DataSize.ofMegabytes(1));
    }

    private static Read read(String body, boolean ndjson, DataSize maxBody, DataSize maxRecord) {
        return read(body.getBytes(StandardCharsets.UTF_8), ndjson, false, maxBody, maxRecord);
    }

    private static Read read(byte[] body, boolean ndjson, boolean gzip, DataSize maxBody, DataSize maxRecord) {
        SubmissionReader.Submission submission =
                reader(maxBody, maxRecord).open(new ByteArrayInputStream(body), gzip, ndjson, FORMAT);
        List<Integer> valid = new ArrayList<>();
        Map<Integer, RecordOutcome.Rejected> rejected = new TreeMap<>();
        for (var batch = submission.nextBatch(3, 50_000); batch != null; batch = submission.nextBatch(3, 50_000)) {
            batch.valid().forEach(record -> valid.add(record.index()));
            batch.rejected().forEach(record -> rejected.put(record.index(), record));
        }
        submission.close();
        return new Read(valid, rejected, submission.bodyTooLarge());
    }

    private static SubmissionReader reader(DataSize maxBody, DataSize maxRecord) {
        return new SubmissionReader(new RecordParser(RECORD_LIMITS), new SubmissionLimits(maxBody, maxRecord));
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
