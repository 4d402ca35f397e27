package org.bzpeer.ingest.work.api;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An arXiv OAI-PMH ListRecords page of any number of records, generated while it is read and never held whole:
 * realistic {@code arXiv} metadata records (TeX in names, affiliations, a wrapped abstract of about 1 KB, several
 * categories) with an OAI {@code <about>} provenance container of about 4 KB that the format passes over, every
 * {@code deletedEvery}-th record deleted and every {@code badDoiEvery}-th carrying a malformed DOI.
 */
final class GeneratedOaiStream extends InputStream {

    private static final byte[] HEAD = ("""
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2016-03-09T00:35:38Z</responseDate>
            <request verb="ListRecords" metadataPrefix="arXiv" set="cs">http://export.arxiv.org/oai2</request>
            <ListRecords>
            """).getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "<resumptionToken cursor=\"0\"/></ListRecords></OAI-PMH>\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final String ABSTRACT = """
              We describe a new algorithm, the $(k,\\ell)$-pebble game with colors, and use
            it obtain a characterization of the family of $(k,\\ell)$-sparse graphs and
            algorithmic solutions to a family of problems concerning tree decompositions of
            graphs. Special instances of sparse graphs appear in rigidity theory and have
            received increased attention in recent years. In particular, our colored
            pebbles generalize and strengthen the previous results of Lee and Streinu and
            give a new proof of the Tutte-Nash-Williams characterization of arboricity. We
            also present a new decomposition that certifies sparsity based on the
            $(k,\\ell)$-pebble game with colors. Our work also exposes connections between
            pebble game algorithms and previous sparse graph algorithms by Gabow, Gabow and
            Westermann and Hendrickson.
            """;

    private static final String ABOUT = "<about><provenance><originDescription harvestDate=\"2016-03-09\">"
            + "<baseURL>http://export.arxiv.org/oai2</baseURL><metadataNamespace>http://arxiv.org/OAI/arXiv/"
            + "</metadataNamespace></originDescription>"
            + "<note>harvested for the BZPEER streaming test; this element only adds bytes</note>".repeat(40)
            + "</provenance></about>";

    private final long records;
    private final int deletedEvery;
    private final int badDoiEvery;
    private long next;
    private byte[] chunk = HEAD;
    private int position;
    private boolean tailSent;

    GeneratedOaiStream(long records, int deletedEvery, int badDoiEvery) {
        this.records = records;
        this.deletedEvery = deletedEvery;
        this.badDoiEvery = badDoiEvery;
    }

    /** How many records are deleted. */
    long deleted() {
        return records / deletedEvery;
    }

    /** How many records carry a malformed DOI (none of them deleted). */
    long badDois() {
        return records / badDoiEvery - records / lcm(deletedEvery, badDoiEvery);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (position == chunk.length) {
            if (next < records) {
                chunk = record(++next).getBytes(StandardCharsets.UTF_8);
            } else if (!tailSent) {
                chunk = TAIL;
                tailSent = true;
            } else {
                return -1;
            }
            position = 0;
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, count);
        position += count;
        return count;
    }

    private String record(long number) {
        String id = String.format("%04d.%05d", 1000 + number / 100_000 % 9000, number % 100_000);
        if (number % deletedEvery == 0) {
            return "<record><header status=\"deleted\"><identifier>oai:arXiv.org:" + id + "</identifier>"
                    + "<datestamp>2016-01-01</datestamp></header></record>\n";
        }
        String doi = number % badDoiEvery == 0 ? "not a doi" : "10.1234/generated." + number;
        return "<record><header><identifier>oai:arXiv.org:" + id + "</identifier><datestamp>2016-01-01</datestamp>"
                + "<setSpec>cs</setSpec></header><metadata><arXiv xmlns=\"http://arxiv.org/OAI/arXiv/\"><id>" + id
                + "</id><created>2015-03-30</created><authors><author><keyname>Charpillet</keyname>"
                + "<forenames>Fran\\ccois</forenames><affiliation>INRIA Lorraine - LORIA</affiliation></author>"
                + "<author><keyname>Erd\\H{o}s</keyname><forenames>P.</forenames></author><author>"
                + "<keyname>Author " + number + "</keyname><forenames>A.</forenames></author></authors>"
                + "<title>Sparsity-certifying Graph Decompositions, part " + number + "</title>"
                + "<categories>math.CO cs.CG</categories><journal-ref>J. Math. Phys. 48(2007), 092102.</journal-ref>"
                + "<doi>" + doi + "</doi><abstract>" + ABSTRACT + "</abstract></arXiv></metadata>" + ABOUT
                + "</record>\n";
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = y;
            y = x % y;
            x = t;
        }
        return a / x * b;
    }
}
