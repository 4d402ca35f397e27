package org.bzpeer.ingest.work.format;

import java.util.function.Predicate;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.bzpeer.ingest.work.model.SubmittedWork;

/**
 * The records of one XML document, read as a stream: the elements at {@code recordDepth} (the root element is at
 * depth 1) whose local name {@code isRecord} accepts are read whole, one at a time ({@link XmlElement}), and mapped to
 * a work; everything else is skipped as it passes. Only the current record is held. A document whose root element is
 * not {@code rootElement}, or that carries an internal DTD subset, is refused as broken.
 */
final class XmlRecordStream implements XmlWorkFormat.Records {

    /** Maps one record element to a work, or rejects it. */
    @FunctionalInterface
    interface RecordMapper {

        /**
         * @throws RejectedRecordException when the record is malformed or is not a work
         */
        SubmittedWork map(XmlElement record);
    }

    private final XMLStreamReader reader;
    private final String rootElement;
    private final int recordDepth;
    private final Predicate<String> isRecord;
    private final RecordMapper mapper;
    private final RecordLimits limits;
    private int depth;

    XmlRecordStream(XMLStreamReader reader, String rootElement, int recordDepth, Predicate<String> isRecord,
            RecordMapper mapper, RecordLimits limits) {
        this.reader = reader;
        this.rootElement = rootElement;
        this.recordDepth = recordDepth;
        this.isRecord = isRecord;
        this.mapper = mapper;
        this.limits = limits;
    }

    @Override
    public XmlWorkFormat.Record next() throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD && reader.getText().indexOf('[') >= 0) {
                throw broken("a document type declaration with an internal subset is not accepted");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == 1 && !reader.getLocalName().equals(rootElement)) {
                    throw broken("the root element is <" + reader.getLocalName() + ">, not <" + rootElement + ">");
                }
                if (depth == recordDepth && isRecord.test(reader.getLocalName())) {
                    depth--;
                    return record();
                }
            }
        }
        return null;
    }

    private XmlWorkFormat.Record record() throws XMLStreamException {
        try {
            return new XmlWorkFormat.Parsed(mapper.map(XmlElement.read(reader, limits)));
        } catch (RejectedRecordException e) {
            return new XmlWorkFormat.Rejected(e.field(), e.reason());
        }
    }

    private XMLStreamException broken(String reason) {
        Location location = reader.getLocation();
        return new XMLStreamException(reason, location);
    }

    @Override
    public void close() throws XMLStreamException {
        reader.close();
    }
}
