package org.bzpeer.ingest.work.api;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import javax.xml.stream.XMLStreamException;

import org.bzpeer.ingest.work.application.IndexedSubmission;
import org.bzpeer.ingest.work.application.RecordOutcome;
import org.bzpeer.ingest.work.format.RecordParser;
import org.bzpeer.ingest.work.format.RejectedRecordException;
import org.bzpeer.ingest.work.format.SourceFormat;
import org.bzpeer.ingest.work.format.WorkFormat;
import org.bzpeer.ingest.work.format.XmlWorkFormat;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.kit.web.ProblemException;

/**
 * Reads a submission's body record by record while it arrives and hands it on in batches: each JSON record is framed
 * ({@link RecordFramer}), parsed ({@link RecordParser}) and read by the work format at once, a source's list page
 * record by record too ({@link WorkFormat#pageRecordArrays}), and a record holding several works (an ORCID
 * record) work by work ({@link WorkFormat#works}); an XML body is read as a stream by its
 * {@link XmlWorkFormat}, one record element at a time. A request holds one record plus the batches in flight, whatever
 * the size of its body. A malformed record is rejected alone; a body whose structure breaks (JSON brackets, XML
 * well-formedness) is rejected from that point on, the records before it kept. A gzip body is decoded as it is read;
 * the body is counted after decoding. Every record gets its 0-based position, also the ones that are rejected.
 */
final class SubmissionReader {

    private final RecordParser parser;
    private final SubmissionLimits limits;

    SubmissionReader(RecordParser parser, SubmissionLimits limits) {
        this.parser = parser;
        this.limits = limits;
    }

    /** A batch read from the body: the records the format accepted and the ones rejected, by position. */
    record Batch(List<IndexedSubmission> valid, List<RecordOutcome.Rejected> rejected) {
    }

    /** Starts reading {@code body}; nothing is read before the first {@link Submission#nextBatch}. */
    Submission open(InputStream body, boolean gzip, boolean ndjson, SourceFormat format) {
        return new Submission(body, gzip, ndjson, format);
    }

    /** What came next in a body: a work, a rejected record, or the point where the body broke. */
    private sealed interface Next {
    }

    private record Parsed(SubmittedWork work) implements Next {
    }

    private record Refused(String field, String reason) implements Next {
    }

    private record Broken(String reason) implements Next {
    }

    /** One body being read. Read from one thread at a time. */
    final class Submission implements Closeable {

        private final CountingInputStream body;
        private final boolean gzip;
        private final boolean ndjson;
        private final SourceFormat format;
        private CountingInputStream decoded;
        private RecordFramer framer;
        /** The works of the last JSON record not read yet (a record of a person's works holds several). */
        private final Deque<Supplier<SubmittedWork>> pendingWorks = new ArrayDeque<>();
        private XmlWorkFormat.Records xmlRecords;
        private int nextIndex;
        private boolean ended;
        private boolean bodyTooLarge;
        private boolean readRecord;

        private Submission(InputStream body, boolean gzip, boolean ndjson, SourceFormat format) {
            this.body = new CountingInputStream(body, Long.MAX_VALUE);
            this.gzip = gzip;
            this.ndjson = ndjson;
            this.format = format;
        }

        /**
         * The next records: at most {@code maxRecords}, and no more once their works hold {@code maxAuthorships}
         * authorships between them; null when the body has no more records.
         *
         * @throws ProblemException when the body announced as gzip is not gzip
         */
        Batch nextBatch(int maxRecords, int maxAuthorships) {
            List<IndexedSubmission> valid = new ArrayList<>();
            List<RecordOutcome.Rejected> rejected = new ArrayList<>();
            int authorships = 0;
            while (valid.size() + rejected.size() < maxRecords && authorships < maxAuthorships) {
                Next next = nextRecord();
                if (next == null) {
                    break;
                }
                int index = nextIndex++;
                if (next instanceof Parsed parsed) {
                    valid.add(new IndexedSubmission(index, parsed.work()));
                    authorships += parsed.work().authorships().size();
                } else if (next instanceof Refused refused) {
                    rejected.add(new RecordOutcome.Rejected(index, refused.field(), refused.reason()));
                } else if (next instanceof Broken broken) {
                    rejected.add(new RecordOutcome.Rejected(index, "$",
                            broken.reason() + "; this record and the rest of the body were not read"));
                    drain();
                }
            }
            return valid.isEmpty() && rejected.isEmpty() ? null : new Batch(valid, rejected);
        }

        /** Whether reading stopped because the body grew past {@link SubmissionLimits#maxBodySize}. */
        boolean bodyTooLarge() {
            return bodyTooLarge;
        }

        /** Whether the body held a record so far, also one that holds no work (an ORCID record listing none). */
        boolean readRecord() {
            return readRecord;
        }

        /** How many bytes of the body were received so far, as sent (before gzip decoding). */
        long bytesReceived() {
            return body.count;
        }

        /** How many bytes of the body (after gzip decoding) were read so far. */
        long bytesRead() {
            return decoded == null ? 0 : decoded.count;
        }

        @Override
        public void close() {
            try {
                if (xmlRecords != null) {
                    xmlRecords.close();
                }
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (XMLStreamException e) {
                throw new IllegalStateException("closing the XML reader failed", e);
            }
        }

        private Next nextRecord() {
            if (ended) {
                return null;
            }
            try {
                Next next = format instanceof XmlWorkFormat xml ? nextXmlRecord(xml) : nextJsonRecord();
                ended = next == null || next instanceof Broken;
                return next;
            } catch (BodyTooLargeException e) {
                ended = true;
                bodyTooLarge = true;
                return null;
            } catch (ZipException | EOFException e) {
                ended = true;
                return new Broken("the gzip body cannot be decoded past byte " + bytesRead() + " ("
                        + e.getMessage() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Next nextJsonRecord() throws IOException {
            if (framer == null) {
                framer = ndjson ? RecordFramer.ndjson(decoded(), limits.maxRecordBytes())
                        : RecordFramer.json(decoded(), limits.maxRecordBytes(),
                                ((WorkFormat) format).pageRecordArrays());
            }
            while (pendingWorks.isEmpty()) {
                RecordFramer.Frame frame = framer.next();
                readRecord |= frame != null;
                if (frame instanceof RecordFramer.RecordBytes bytes) {
                    try {
                        pendingWorks.addAll(((WorkFormat) format).works(parser.parse(bytes.bytes(), bytes.length())));
                    } catch (RejectedRecordException e) {
                        return new Refused(e.field(), e.reason());
                    }
                } else if (frame instanceof RecordFramer.TooLong tooLong) {
                    return new Refused("$", "the record is " + tooLong.length() + " bytes long; at most "
                            + limits.maxRecordBytes() + " are accepted");
                } else {
                    return frame instanceof RecordFramer.Broken broken ? new Broken(broken.reason()) : null;
                }
            }
            try {
                return new Parsed(pendingWorks.poll().get());
            } catch (RejectedRecordException e) {
                return new Refused(e.field(), e.reason());
            }
        }

        /**
         * The next XML record. The parser reports a failure of the stream under it (the body limit, broken gzip) as
         * broken XML, its cause lost: that failure is thrown as it was.
         */
        private Next nextXmlRecord(XmlWorkFormat xml) throws IOException {
            try {
                if (xmlRecords == null) {
                    xmlRecords = xml.open(decoded());
                }
                XmlWorkFormat.Record record = xmlRecords.next();
                readRecord |= record != null;
                if (record instanceof XmlWorkFormat.Parsed parsed) {
                    return new Parsed(parsed.work());
                }
                return record instanceof XmlWorkFormat.Rejected refused
                        ? new Refused(refused.field(), refused.reason())
                        : null;
            } catch (XMLStreamException e) {
                if (decoded != null && decoded.failure != null) {
                    throw decoded.failure;
                }
                return new Broken("the XML body is broken here: " + e.getMessage().replaceAll("\\s*\\n\\s*", " "));
            }
        }

        /** The body as read: gzip decoded when announced, counted against the body limit. */
        private InputStream decoded() throws IOException {
            if (decoded == null) {
                InputStream plain = body;
                if (gzip) {
                    try {
                        plain = new GZIPInputStream(body, 64 * 1024);
                    } catch (ZipException | EOFException e) {
                        throw ProblemException.invalid("Content-Encoding",
                                "the body is announced as gzip but is not gzip data (" + e.getMessage() + ")");
                    }
                }
                decoded = new CountingInputStream(plain, limits.maxBodySize().toBytes());
            }
            return decoded;
        }

        /** Reads the rest of the body, so the answer does not cut off a client still sending; stops at the limit. */
        private void drain() {
            byte[] sink = new byte[64 * 1024];
            try {
                int read;
                do {
                    read = decoded.read(sink);
                } while (read >= 0);
            } catch (IOException stoppedReading) {
                bodyTooLarge = stoppedReading instanceof BodyTooLargeException;
            }
        }
    }

    /** The body grew past {@link SubmissionLimits#maxBodySize}. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(long limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }

    /**
     * Counts the bytes read through it and hands out at most {@code limit}; asked for more when there are more, it
     * throws {@link BodyTooLargeException}, so every byte up to the limit is still read. Remembers the first failure
     * it passed on.
     */
    private static final class CountingInputStream extends FilterInputStream {

        private final long limit;
        private long count;
        private IOException failure;

        CountingInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return readCounted(buffer, offset, length);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        private int readCounted(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (count >= limit) {
                if (super.read() < 0) {
                    return -1;
                }
                throw new BodyTooLargeException(limit);
            }
            int read = super.read(buffer, offset, (int) Math.min(length, limit - count));
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
