package org.bzpeer.ingest.work.format;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The StAX readers every XML format uses, safe against hostile documents (XXE): no external entity is ever expanded
 * and nothing is ever fetched, from the network or from a file. {@link #plain} reads documents without a DTD (arXiv's
 * Atom and OAI-PMH): a document type declaration is not processed, so an entity other than XML's five is an error.
 * {@link #withLatin1Entities} reads DBLP: its documents declare {@code <!DOCTYPE dblp SYSTEM "dblp.dtd">} and use the
 * ISO 8879 Latin-1 character entities ({@code &ouml;}) that dblp.dtd defines; whatever external DTD a document names,
 * the resolver hands the parser our own declarations of exactly those 96 entities ({@link Latin1Entities}), each
 * one character long. A document that brings an internal DTD subset (where entities could be declared that expand to
 * much more) is refused by {@link XmlRecordStream}. Because every entity the parser can meet expands to one character,
 * the JDK's per-document entity expansion counters are lifted: a 2 GB DBLP file holds far more than their defaults.
 */
final class XmlInput {

    private static final String JDK_LIMITS = "http://www.oracle.com/xml/jaxp/properties/";

    private static final XMLInputFactory PLAIN = plainFactory();
    private static final XMLInputFactory LATIN1 = latin1Factory();

    private XmlInput() {
    }

    /** A reader of a document without a DTD. */
    static XMLStreamReader plain(InputStream document) throws XMLStreamException {
        return PLAIN.createXMLStreamReader(document);
    }

    /** The local name of the document's root element, read as far as it and no further; the reader is closed. */
    static String rootElement(InputStream document) throws XMLStreamException {
        XMLStreamReader reader = plain(document);
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    return reader.getLocalName();
                }
            }
            throw new XMLStreamException("the document has no root element");
        } finally {
            reader.close();
        }
    }

    /** A reader of a document whose external DTD, whatever it is named, declares the Latin-1 entities only. */
    static XMLStreamReader withLatin1Entities(InputStream document) throws XMLStreamException {
        return LATIN1.createXMLStreamReader(document);
    }

    private static XMLInputFactory plainFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setXMLResolver(nothing());
        return factory;
    }

    private static XMLInputFactory latin1Factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(JDK_LIMITS + "entityExpansionLimit", "0");
        factory.setProperty(JDK_LIMITS + "totalEntitySizeLimit", "0");
        factory.setProperty(JDK_LIMITS + "entityReplacementLimit", "0");
        byte[] declarations = Latin1Entities.declarations().getBytes(StandardCharsets.US_ASCII);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> new ByteArrayInputStream(declarations));
        return factory;
    }

    /** A resolver that resolves everything to nothing, so no default resolution ever opens a URL. */
    private static XMLResolver nothing() {
        return (publicId, systemId, baseUri, namespace) -> new ByteArrayInputStream(new byte[0]);
    }
}
