package org.bzpeer.ingest.work.format;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JATS (or plain HTML) abstract, as Crossref serves it ({@code <jats:p>...</jats:p>} with
 * {@code jats:title}, {@code jats:sec}, {@code jats:italic}, MathML...), into text: block elements (paragraphs,
 * section titles, list items) become paragraphs, every other tag is removed keeping its text, character references
 * and the XML entities are decoded. Some publishers escape their markup once more ({@code &lt;p&gt;},
 * {@code &amp;lt;}): a second round removes the tags that then appear, by name only, and decodes again. The result
 * is not cleaned yet; {@link Normalize#abstractText} does that.
 */
final class JatsText {

    private static final Pattern BLOCK_TAG = Pattern.compile(
            "</?(?:[a-z]+:)?(?:p|sec|title|list|list-item|break|disp-formula|table-wrap|def-list)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_TAG = Pattern.compile("<[^>]*>");
    /** Markup tags by name, for text that held escaped markup: a bare {@code <} there may be a "less than". */
    private static final Pattern KNOWN_TAG = Pattern.compile(
            "</?(?:[a-z]+:)?(?:p|em|i|b|u|strong|sub|sup|br|span|div|italic|bold|sc|title|sec)\\b[^<>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));");
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00A0");

    private JatsText() {
    }

    /** The text of {@code markup}; null for null. */
    static String plainText(String markup) {
        if (markup == null) {
            return null;
        }
        String text = decodeEntities(ANY_TAG.matcher(BLOCK_TAG.matcher(markup).replaceAll("\n\n")).replaceAll(""));
        return decodeEntities(KNOWN_TAG.matcher(BLOCK_TAG.matcher(text).replaceAll("\n\n")).replaceAll(""));
    }

    private static String decodeEntities(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (entity.find()) {
            entity.appendReplacement(out, Matcher.quoteReplacement(decoded(entity)));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static String decoded(Matcher entity) {
        if (entity.group(3) != null) {
            return NAMED.getOrDefault(entity.group(3).toLowerCase(Locale.ROOT), entity.group());
        }
        int codePoint = entity.group(1) != null ? Integer.parseInt(entity.group(1))
                : Integer.parseInt(entity.group(2), 16);
        return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : entity.group();
    }
}
