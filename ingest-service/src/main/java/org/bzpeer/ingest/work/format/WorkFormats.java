package org.bzpeer.ingest.work.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.xml.stream.XMLStreamException;

import org.springframework.stereotype.Component;

/**
 * Every {@link SourceFormat} the service accepts, JSON and XML, by name. Names are unique, and so are the root
 * elements of the XML formats, by which an XML body whose format is not named is recognised ({@link #byRootElement}).
 */
@Component
public class WorkFormats {

    /** How far into a body its root element is looked for. */
    static final int ROOT_LOOKAHEAD_BYTES = 64 * 1024;

    private final Map<String, SourceFormat> byName = new TreeMap<>();
    private final Map<String, XmlWorkFormat> byRoot = new TreeMap<>();
    private final XmlWorkFormat byRootElement = new ByRootElement();

    public WorkFormats(List<SourceFormat> formats) {
        for (SourceFormat format : formats) {
            SourceFormat previous = byName.putIfAbsent(format.name(), format);
            if (previous != null) {
                throw new IllegalStateException("two work formats are named '" + format.name() + "': "
                        + previous.getClass().getName() + " and " + format.getClass().getName());
            }
            if (format instanceof XmlWorkFormat xml && byRoot.putIfAbsent(xml.rootElement(), xml) != null) {
                throw new IllegalStateException("two XML work formats have the root element <" + xml.rootElement()
                        + ">: " + byRoot.get(xml.rootElement()).name() + " and " + xml.name());
            }
        }
    }

    /** The format named {@code name}, or empty. */
    public Optional<SourceFormat> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /**
     * The format named {@code name}.
     *
     * @throws UnknownWorkFormatException when no format has that name; its message lists the known ones
     */
    public SourceFormat get(String name) {
        return find(name).orElseThrow(() -> new UnknownWorkFormatException(name, names()));
    }

    /** The names of all formats, sorted. */
    public Collection<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * An XML format that reads a document in the format its root element belongs to. A document whose root element
     * no format has (or that has none in its first {@value #ROOT_LOOKAHEAD_BYTES} bytes) is refused as broken,
     * listing the root elements there are.
     */
    public XmlWorkFormat byRootElement() {
        return byRootElement;
    }

    private final class ByRootElement implements XmlWorkFormat {

        @Override
        public String name() {
            return "xml";
        }

        @Override
        public String rootElement() {
            return String.join("|", byRoot.keySet());
        }

        @Override
        public Records open(InputStream document) throws XMLStreamException {
            BufferedInputStream buffered = new BufferedInputStream(document, ROOT_LOOKAHEAD_BYTES);
            buffered.mark(ROOT_LOOKAHEAD_BYTES);
            String root = XmlInput.rootElement(buffered);
            try {
                buffered.reset();
            } catch (IOException e) {
                throw new XMLStreamException("the root element is not within the first " + ROOT_LOOKAHEAD_BYTES
                        + " bytes of the document; name the format with ?format=", e);
            }
            XmlWorkFormat format = byRoot.get(root);
            if (format == null) {
                throw new XMLStreamException("the root element <" + root + "> belongs to no XML format read here ("
                        + byRoot.entrySet().stream().map(entry -> "<" + entry.getKey() + "> " + entry.getValue()
                                .name()).collect(Collectors.joining(", ")) + ")");
            }
            return format.open(buffered);
        }
    }
}
