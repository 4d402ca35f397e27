package org.bzpeer.ingest.work.format;

import java.io.InputStream;
import java.util.function.Predicate;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.bzpeer.ingest.work.model.SubmittedWork;

/**
 * What every {@link XmlWorkFormat} here shares: a name, a root element, where its records sit (their depth, the root
 * being 1, and which local names are records), the StAX reader it needs ({@link XmlInput}), and a mapping of one
 * record element to a work ({@link #work}); the document is read by {@link XmlRecordStream}.
 */
abstract class StreamedXmlFormat implements XmlWorkFormat {

    /** Opens a StAX reader on a document. */
    @FunctionalInterface
    interface ReaderFactory {

        XMLStreamReader open(InputStream document) throws XMLStreamException;
    }

    protected final RecordLimits limits;
    private final String name;
    private final String rootElement;
    private final int recordDepth;
    private final Predicate<String> isRecord;
    private final ReaderFactory readers;

    StreamedXmlFormat(String name, String rootElement, int recordDepth, Predicate<String> isRecord,
            ReaderFactory readers, RecordLimits limits) {
        this.name = name;
        this.rootElement = rootElement;
        this.recordDepth = recordDepth;
        this.isRecord = isRecord;
        this.readers = readers;
        this.limits = limits;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String rootElement() {
        return rootElement;
    }

    @Override
    public final Records open(InputStream document) throws XMLStreamException {
        return new XmlRecordStream(readers.open(document), rootElement, recordDepth, isRecord, this::work, limits);
    }

    /**
     * One record element as a work.
     *
     * @throws RejectedRecordException when the record is malformed or is not a work
     */
    abstract SubmittedWork work(XmlElement record);
}
