package org.bzpeer.ingest.work.format;

import java.util.List;

/**
 * The ISO 8879 Latin-1 character entities ({@code &ouml;}, {@code &eacute;}, ...), as HTML 4 and DBLP's dblp.dtd
 * declare them: the entity names of U+00A0 to U+00FF in code point order. Written here, never read from a DTD.
 */
final class Latin1Entities {

    /** Entity names of U+00A0, U+00A1, ... U+00FF. */
    private static final List<String> NAMES = List.of(
            "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
            "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil",
            "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde",
            "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc",
            "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave",
            "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml",
            "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
            "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute",
            "ucirc", "uuml", "yacute", "thorn", "yuml");

    private Latin1Entities() {
    }

    /** DTD declarations of every entity, {@code <!ENTITY ouml "&#246;">}, one per line. */
    static String declarations() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < NAMES.size(); i++) {
            out.append("<!ENTITY ").append(NAMES.get(i)).append(" \"&#").append(0xA0 + i).append(";\">\n");
        }
        return out.toString();
    }
}
