package org.bzpeer.ingest.work.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.bzpeer.ingest.work.model.SubmittedWork;

/** Reads every record of an XML document through an {@link XmlWorkFormat}, for the format tests. */
final class XmlTestDocuments {

    private XmlTestDocuments() {
    }

    static List<XmlWorkFormat.Record> read(XmlWorkFormat format, String document) {
        return read(format, new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }

    static List<XmlWorkFormat.Record> read(XmlWorkFormat format, InputStream document) {
        List<XmlWorkFormat.Record> records = new ArrayList<>();
        try (XmlWorkFormat.Records reader = format.open(document)) {
            for (var record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return records;
    }

    static List<XmlWorkFormat.Record> read(XmlWorkFormat format, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(format, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The work of a record that must have parsed. */
    static SubmittedWork work(XmlWorkFormat.Record record) {
        if (record instanceof XmlWorkFormat.Parsed parsed) {
            return parsed.work();
        }
        throw new AssertionError("expected a work, got " + record);
    }
}
