package org.bzpeer.ingest.work.format;

/**
 * A source format the service reads works in, chosen by the {@code format} request parameter: either a format whose
 * records are JSON values ({@link WorkFormat}) or one whose records are elements of an XML stream
 * ({@link XmlWorkFormat}). Names are unique across both kinds ({@link WorkFormats}).
 */
public sealed interface SourceFormat permits WorkFormat, XmlWorkFormat {

    /** The value of the {@code format} request parameter that selects this format. */
    String name();
}
