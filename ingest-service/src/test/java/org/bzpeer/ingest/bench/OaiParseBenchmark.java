package org.bzpeer.ingest.bench;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLStreamException;

import org.bzpeer.ingest.work.format.ArxivOaiFormat;
import org.bzpeer.ingest.work.format.RecordLimits;
import org.bzpeer.ingest.work.format.XmlWorkFormat;
import org.bzpeer.testkit.SharedData;
import org.bzpeer.testkit.TarGzEntries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parse-only throughput of the {@code arxiv-oai} format: the real OAI-PMH pages of the shared data (held in memory
 * first, so decompression is not counted) read record by record and mapped to works, several rounds, the first as
 * warm-up. Prints records/s and MiB/s; asserts nothing (run with
 * {@code -Dtest=OaiParseBenchmark -Dsurefire.excludedGroups=}, never in the test suite).
 */
@Tag("benchmark")
class OaiParseBenchmark {

    private static final int PAGES = 20;
    private static final int ROUNDS = 4;

    @Test
    void parseRealOaiPages() throws XMLStreamException {
        List<byte[]> pages = new ArrayList<>();
        TarGzEntries.forEach(SharedData.require("arxiv/oai-cs-2016/listrecords-pages.tar.gz"),
                name -> pages.size() < PAGES, (name, content) -> pages.add(content));
        long bytes = pages.stream().mapToLong(page -> page.length).sum();
        ArxivOaiFormat format = new ArxivOaiFormat(RecordLimits.defaults());
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            long records = 0;
            long rejected = 0;
            for (byte[] page : pages) {
                try (XmlWorkFormat.Records reader = format.open(new ByteArrayInputStream(page))) {
                    for (var record = reader.next(); record != null; record = reader.next()) {
                        records++;
                        rejected += record instanceof XmlWorkFormat.Rejected ? 1 : 0;
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "round %d%s: %d records (%d rejected), %.1f MiB in %.2f s: %.0f records/s,"
                    + " %.1f MiB/s%n", round, round == 0 ? " (warm-up)" : "", records, rejected, bytes / 1048576.0,
                    seconds, records / seconds, bytes / 1048576.0 / seconds);
        }
    }
}
