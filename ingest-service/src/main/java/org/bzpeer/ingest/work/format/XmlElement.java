package org.bzpeer.ingest.work.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One element of an XML record, read whole: local name (namespaces are ignored, since arXiv's Atom entries come both
 * with and without them), attributes by local name, its text (its own and its descendants' text in document order,
 * so DBLP's {@code <title>The <i>k</i>-server</title>} reads "The k-server"), and its child elements. Its path from
 * the record element ({@code authors.author[2].keyname}; {@code $} for the record) names it in rejections. Reading
 * holds a record to the {@link RecordLimits}: no text longer than {@link RecordLimits#maxStringLength}, no deeper
 * nesting than {@link RecordLimits#maxNestingDepth}, at most {@link RecordLimits#maxTokens} elements; a record beyond
 * them, or one that uses an entity its document does not define, is read to its end (so the next one can be read)
 * and rejected.
 */
final class XmlElement {

    private final String name;
    private final String path;
    private final Map<String, String> attributes;
    private final String text;
    private final List<XmlElement> children;

    private XmlElement(String name, String path, Map<String, String> attributes, String text,
            List<XmlElement> children) {
        this.name = name;
        this.path = path;
        this.attributes = attributes;
        this.text = text;
        this.children = children;
    }

    /**
     * Reads the element the reader stands on (a start element) to its end element, where the reader is left.
     *
     * @throws RejectedRecordException when the element is beyond a limit; the reader is still left at its end
     */
    static XmlElement read(XMLStreamReader reader, RecordLimits limits) throws XMLStreamException {
        Budget budget = new Budget(limits);
        XmlElement element = read(reader, budget, 1, JsonField.ROOT);
        if (budget.overrun != null) {
            throw new RejectedRecordException(budget.overrunPath, budget.overrun);
        }
        return element;
    }

    private static XmlElement read(XMLStreamReader reader, Budget budget, int depth, String path)
            throws XMLStreamException {
        String name = reader.getLocalName();
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        List<XmlElement> children = new ArrayList<>();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return new XmlElement(name, path, attributes, text.toString(), children);
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String childPath = path(path, reader.getLocalName());
                if (depth >= budget.limits.maxNestingDepth() || ++budget.elements > budget.limits.maxTokens()) {
                    budget.overrun(childPath, depth >= budget.limits.maxNestingDepth()
                            ? "is nested deeper than " + budget.limits.maxNestingDepth() + " elements"
                            : "the record holds more than " + budget.limits.maxTokens() + " elements");
                    skip(reader);
                    continue;
                }
                XmlElement child = read(reader, budget, depth + 1, childPath);
                children.add(child);
                append(text, child.text, budget, path);
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE && reader.getText() == null) {
                budget.overrun(path, "uses the entity &" + reader.getLocalName() + "; which is not defined");
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.ENTITY_REFERENCE) {
                append(text, reader.getText(), budget, path);
            }
        }
    }

    private static String path(String parent, String child) {
        return JsonField.propertyPath(parent.equals(JsonField.ROOT) ? "" : parent, child);
    }

    private static void append(StringBuilder text, String more, Budget budget, String path) {
        if (text.length() + more.length() > budget.limits.maxStringLength()) {
            budget.overrun(path, "its text is longer than " + budget.limits.maxStringLength() + " characters");
        } else {
            text.append(more);
        }
    }

    /** Skips the element the reader stands on, to its end element. */
    private static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Local name. */
    String name() {
        return name;
    }

    /** Path from the record element; {@code $} for the record itself. */
    String path() {
        return path;
    }

    /** The attribute of this local name, or null. */
    String attribute(String localName) {
        return attributes.get(localName);
    }

    /** The text of this element and its descendants, as it stands (not cleaned). */
    String text() {
        return text;
    }

    /** The first child of this local name, or null. */
    XmlElement child(String localName) {
        for (XmlElement child : children) {
            if (child.name.equals(localName)) {
                return child.at(path(path, localName));
            }
        }
        return null;
    }

    /** The children of this local name in document order, each with its index in its path. */
    List<XmlElement> children(String localName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name.equals(localName)) {
                out.add(child.at(JsonField.elementPath(path(path, localName), out.size())));
            }
        }
        return out;
    }

    /** Every child in document order, each with its index among the children of its name in its path. */
    List<XmlElement> children() {
        Map<String, Integer> seen = new HashMap<>();
        List<XmlElement> out = new ArrayList<>(children.size());
        for (XmlElement child : children) {
            int index = seen.merge(child.name, 1, Integer::sum) - 1;
            out.add(child.at(JsonField.elementPath(path(path, child.name), index)));
        }
        return out;
    }

    private XmlElement at(String newPath) {
        return new XmlElement(name, newPath, attributes, text, children);
    }

    /** The text of the first child of this local name as a single line ({@link Normalize#text}); null if none. */
    String childText(String localName) {
        XmlElement child = child(localName);
        return child == null ? null : Normalize.text(child.text);
    }

    /** This element's text normalised by {@code normaliser}; its refusal rejects the record naming this element. */
    <T> T normalised(Function<String, T> normaliser) {
        try {
            return normaliser.apply(text);
        } catch (IllegalArgumentException e) {
            throw reject(e.getMessage());
        }
    }

    /**
     * The attribute of this local name normalised by {@code normaliser}, or null when absent or blank; a refusal
     * rejects the record naming the attribute ({@code authors.author[0].@orcid}).
     */
    <T> T attribute(String localName, Function<String, T> normaliser) {
        String value = attributes.get(localName);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return normaliser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new RejectedRecordException(path + ".@" + localName, e.getMessage());
        }
    }

    /** A rejection of the record naming this element. */
    RejectedRecordException reject(String reason) {
        return new RejectedRecordException(path, reason);
    }

    /** What one record may still take while it is read; the first limit it passes. */
    private static final class Budget {

        private final RecordLimits limits;
        private long elements;
        private String overrun;
        private String overrunPath;

        Budget(RecordLimits limits) {
            this.limits = limits;
        }

        void overrun(String path, String reason) {
            if (overrun == null) {
                overrun = reason;
                overrunPath = path;
            }
        }
    }
}
