package org.bzpeer.ingest.work.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How large a submission may be. Bodies are read as they arrive, one record at a time, so these bound the time a
 * request may take and the memory one record may take, not the memory a request takes as a whole.
 *
 * @param maxBodySize   largest body, counted after gzip decoding (so a small gzip bomb is cut off too); a body that
 *                      declares a larger {@code Content-Length} is answered 413 before anything is read, and one that
 *                      grows past it is answered 413 after the records before that point were imported, listing them
 * @param maxRecordSize largest single record (NDJSON line, or JSON array element); a longer one is rejected alone,
 *                      and reading goes on with the next; the same as the largest Kafka message by default
 */
@Validated
@ConfigurationProperties("bzpeer.ingest.submission")
public record SubmissionLimits(
        @DefaultValue("256MB") DataSize maxBodySize,
        @DefaultValue("16MB") DataSize maxRecordSize) {

    /** {@code size} for people: bytes, and mebibytes when that is a whole number. */
    static String describe(DataSize size) {
        long bytes = size.toBytes();
        return bytes % (1024 * 1024) == 0 ? bytes + " bytes (" + size.toMegabytes() + " MiB)" : bytes + " bytes";
    }

    /** {@link #maxRecordSize} in bytes, at most {@link Integer#MAX_VALUE} minus a little (an array's size). */
    int maxRecordBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 16, maxRecordSize.toBytes());
    }
}
