package org.bzpeer.ingest.work.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;

import org.bzpeer.ingest.work.format.OpenAlexWorkFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.format.RecordParser;
import org.bzpeer.ingest.work.format.WorkFormat;
import org.bzpeer.testkit.HeapWatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The reader holds one record at a time whatever the size of the body: a gzip JSON Lines body of over 200 MiB
 * (decoded; 110,000 OpenAlex works of 2 KiB) and an OpenAlex list page of over 32 MiB, both generated while they are
 * read and never stored, are read record by record while the heap kept alive stays a few MiB (the limit asserted,
 * 16 MiB, is half the smaller body). Tagged bounded-memory: it runs in a JVM of its own with a 64 MiB heap (see the
 * module's pom), so a reader holding a body whole would fail with OutOfMemoryError, and nothing else allocates meanwhile.
 */
@Tag("bounded-memory")
class LargeSubmissionReadTest {

    private static final RecordLimits LIMITS = RecordLimits.defaults();
    private static final WorkFormat OPENALEX = new OpenAlexWorkFormat(LIMITS);
    private static final SubmissionReader READER = new SubmissionReader(new RecordParser(LIMITS),
            new SubmissionLimits(DataSize.ofGigabytes(4), DataSize.ofMegabytes(16)));
    private static final long KEPT_ALIVE_LIMIT = 16L << 20;

    @Test
    void aGzipJsonLinesBodyOfHundredsOfMibIsReadRecordByRecord() {
        int records = 110_000;
        GeneratedBody body = new GeneratedBody("", "\n", "", records);

        long read = readAll(gzip(body), true, true, records);

        assertThat(read).isEqualTo(records);
        assertThat(body.bytes).as("decoded bytes").isGreaterThan(200L << 20);
    }

    @Test
    void anOpenAlexListPageOfTensOfMibIsReadRecordByRecord() {
        int records = 20_000;
        GeneratedBody page = new GeneratedBody("{\"meta\": {\"count\": " + records + ", \"page\": 1}, \"results\": [",
                ",\n", "], \"group_by\": []}", records);

        long read = readAll(page, false, false, records);

        assertThat(read).isEqualTo(records);
        assertThat(page.bytes).isGreaterThan(32L << 20);
    }

    private static long readAll(InputStream body, boolean gzip, boolean ndjson, int records) {
        long valid = 0;
        long started = System.nanoTime();
        try (HeapWatch heap = HeapWatch.start();
                SubmissionReader.Submission submission = READER.open(body, gzip, ndjson, OPENALEX)) {
            for (var batch = submission.nextBatch(500, 50_000); batch != null; batch = submission.nextBatch(500,
                    50_000)) {
                assertThat(batch.rejected()).isEmpty();
                valid += batch.valid().size();
                if (valid == records / 2) {
                    heap.collectNow();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("read %d records (%s, %s) in %.1f s, %.0f records/s; %s%n", valid,
                    gzip ? "gzip" : "plain", ndjson ? "JSON Lines" : "list page", seconds, valid / seconds,
                    heap.summary());
            assertThat(heap.keptAliveBytes()).as("heap kept alive")
                    .isLessThan(KEPT_ALIVE_LIMIT);
        }
        return valid;
    }

    /** {@code prefix}, then {@code records} OpenAlex works separated by {@code separator}, then {@code suffix}. */
    private static final class GeneratedBody extends InputStream {

        private final byte[] prefix;
        private final byte[] separator;
        private final byte[] suffix;
        private final int records;
        private int next;
        private byte[] current;
        private int position;
        private long bytes;

        GeneratedBody(String prefix, String separator, String suffix, int records) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.separator = separator.getBytes(StandardCharsets.UTF_8);
            this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
            this.records = records;
            this.current = this.prefix;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            while (position == current.length) {
                if (next > records) {
                    return -1;
                }
                current = next == records ? suffix : work(next);
                position = 0;
                next++;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            bytes += count;
            return count;
        }

        private byte[] work(int i) {
            String work = """
                    {"id": "https://openalex.org/W%d", "doi": "https://doi.org/10.5555/large-%d",
                     "title": "Generated work %d on \u2028streaming [brackets] {braces} and \\"quotes\\"",
                     "type": "article", "publication_year": 2024, "publication_date": "2024-05-17",
                     "primary_location": {"source": {"id": "https://openalex.org/S68497187",
                       "display_name": "Renewable and Sustainable Energy Reviews", "type": "journal",
                       "issn_l": "1364-0321"}},
                     "abstract_inverted_index": {"Streaming": [0], "keeps": [1], "memory": [2], "bounded": [3],
                       "while": [4], "bodies": [5], "grow": [6], "to": [7], "hundreds": [8], "of": [9, 11],
                       "mebibytes": [10], "records.": [12]},
                     "authorships": [%s],
                     "topics": [{"id": "https://openalex.org/T10102", "display_name": "Recommender systems",
                       "score": 0.9}]}
                    """.formatted(i + 1, i, i, authorships(i)).replace('\n', ' ');
            byte[] bytes = work.getBytes(StandardCharsets.UTF_8);
            if (next == 0) {
                return bytes;
            }
            byte[] withSeparator = new byte[separator.length + bytes.length];
            System.arraycopy(separator, 0, withSeparator, 0, separator.length);
            System.arraycopy(bytes, 0, withSeparator, separator.length, bytes.length);
            return withSeparator;
        }

        private static String authorships(int i) {
            StringBuilder out = new StringBuilder();
            for (int a = 0; a < 4; a++) {
                out.append(a == 0 ? "" : ", ").append("""
                        {"author": {"id": "https://openalex.org/A%d", "display_name": "Author %d\u2010%d",
                          "orcid": null}, "institutions": [{"id": "https://openalex.org/I134085113",
                          "display_name": "King Fahd University of Petroleum and Minerals",
                          "ror": "https://ror.org/03yez3163", "country_code": "SA"}], "is_corresponding": false}
                        """.formatted(i * 4 + a + 1, i, a));
            }
            return out.toString();
        }
    }

    /** {@code plain} gzip-encoded while it is read: header, deflated body, then CRC-32 and length. */
    private static InputStream gzip(GeneratedBody plain) {
        CRC32 crc = new CRC32();
        InputStream deflated = new DeflaterInputStream(new CheckedInputStream(plain, crc),
                new Deflater(Deflater.BEST_SPEED, true), 64 * 1024);
        byte[] header = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        InputStream trailer = new InputStream() {
            private byte[] bytes;
            private int position;

            @Override
            public int read() throws IOException {
                if (bytes == null) {
                    long value = crc.getValue();
                    long size = plain.bytes;
                    bytes = new byte[8];
                    for (int i = 0; i < 4; i++) {
                        bytes[i] = (byte) (value >>> (8 * i));
                        bytes[4 + i] = (byte) (size >>> (8 * i));
                    }
                }
                return position < bytes.length ? bytes[position++] & 0xFF : -1;
            }
        };
        return new SequenceInputStream(Collections.enumeration(
                List.of(new ByteArrayInputStream(header), deflated, trailer)));
    }
}
