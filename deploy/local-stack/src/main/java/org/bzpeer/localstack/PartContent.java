package org.bzpeer.localstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * What a part holds, recognised from its name and its first bytes (decoded when gzip): its content type (XML, JSON
 * Lines or JSON) and its source format. The peeked bytes are sent too: {@link #stream()} is the whole body.
 *
 * <p>Formats are told apart by marks only their records carry: an XML root element ({@code OAI-PMH}, {@code feed},
 * {@code dblp}); Kaggle's {@code authors_parsed}; Crossref's {@code message-type} or upper-case {@code DOI} with
 * {@code URL}; OpenAlex's {@code https://openalex.org/W} ids, {@code abstract_inverted_index} or list-page
 * {@code meta}; an ORCID record's {@code orcid-identifier}; anything else is our own format. {@code --format}
 * overrides the guess.
 */
record PartContent(String contentType, String format, byte[] head, InputStream rest) {

    private static final int PEEK = 64 * 1024;

    /** Reads the first bytes of {@code body} to recognise it. */
    static PartContent of(InputStream body, boolean gzip, String contentName) throws IOException {
        byte[] head = body.readNBytes(PEEK);
        String text = decodedHead(head, gzip).stripLeading().replace("\uFEFF", "");
        String contentType;
        String format;
        if (text.startsWith("<")) {
            contentType = "application/xml";
            format = text.contains("<OAI-PMH") ? "arxiv-oai" : text.contains("<dblp") ? "dblp"
                    : text.contains("<feed") ? "arxiv-atom" : "unknown-xml";
        } else {
            boolean lines = contentName.endsWith(".jsonl") || contentName.endsWith(".ndjson");
            contentType = lines ? "application/x-ndjson" : "application/json";
            format = jsonFormat(text);
        }
        return new PartContent(contentType, format, head, body);
    }

    /** The whole body: the peeked bytes, then the rest. */
    InputStream stream() {
        return new SequenceInputStream(new ByteArrayInputStream(head), rest);
    }

    private static String jsonFormat(String text) {
        if (text.contains("\"authors_parsed\"")) {
            return "arxiv-kaggle";
        }
        if (text.contains("\"message-type\"") || text.contains("\"DOI\"") && text.contains("\"URL\"")) {
            return "crossref";
        }
        if (text.contains("\"orcid-identifier\"")) {
            return "orcid";
        }
        if (text.contains("\"https://openalex.org/W") || text.contains("\"abstract_inverted_index\"")
                || text.startsWith("{\"meta\"") && text.contains("\"results\"")) {
            return "openalex";
        }
        return "bzpeer";
    }

    /** As much of the head as decodes; a gzip head is cut mid-stream, so decoding stops where the bytes end. */
    private static String decodedHead(byte[] head, boolean gzip) {
        if (!gzip) {
            return new String(head, StandardCharsets.UTF_8);
        }
        byte[] decoded = new byte[PEEK];
        int length = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(head))) {
            int read;
            while (length < PEEK && (read = in.read(decoded, length, PEEK - length)) > 0) {
                length += read;
            }
        } catch (IOException cutShort) {
            // the head ends inside the compressed stream: what decoded so far is enough to recognise it
        }
        return new String(decoded, 0, length, StandardCharsets.UTF_8);
    }
}
