package org.bzpeer.ingest.work.format;

import java.io.InputStream;

import javax.xml.stream.XMLStreamException;

import org.bzpeer.ingest.work.model.SubmittedWork;

/**
 * A source format whose records are elements of one XML document (an Atom feed's entries, an OAI-PMH page's records,
 * DBLP's publications). The document is read as a stream, record element by record element, so a body of any size
 * is held one record at a time.
 */
public non-sealed interface XmlWorkFormat extends SourceFormat {

    /** The local name of the root element of this format's documents, by which a body's format is recognised. */
    String rootElement();

    /**
     * Starts reading a document; nothing but the XML prolog is read before the first {@link Records#next}.
     *
     * @throws XMLStreamException when the document cannot be opened (e.g. its declared encoding is unknown)
     */
    Records open(InputStream document) throws XMLStreamException;

    /** The records of one document, in document order. Read from one thread at a time. */
    interface Records extends AutoCloseable {

        /**
         * The next record, or null at the end of the document.
         *
         * @throws XMLStreamException when the document's structure breaks (or the stream under it fails): no later
         *                            record can be told apart
         */
        Record next() throws XMLStreamException;

        /** Stops reading; does not close the stream the document came from. */
        @Override
        void close() throws XMLStreamException;
    }

    /** What one record element became. */
    sealed interface Record {
    }

    /** The record as a work. */
    record Parsed(SubmittedWork work) implements Record {
    }

    /**
     * The record is not imported: malformed, or not a work at all (a deleted OAI record, a DBLP person page);
     * {@code field} is the path of the offending element relative to the record ({@code authors.author[2].keyname},
     * {@code $} for the record itself).
     */
    record Rejected(String field, String reason) implements Record {
    }
}
