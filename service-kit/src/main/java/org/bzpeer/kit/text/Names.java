package org.bzpeer.kit.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place where the Unicode hygiene of names and texts is defined, for every service: ingest cleans what it
 * imports with it and matches names by {@link #matchKey}; profile-service folds names for search with the same key.
 *
 * <p>Every dash look-alike (U+2010..U+2015, U+2212, U+FE58, U+FE63, U+FF0D) can be {@link #unifyDashes unified} to
 * an ASCII hyphen; invisible marks and soft hyphens are removed and whitespace is collapsed by {@link #clean}, which
 * keeps the printed form otherwise (a U+2010 hyphen or a curly apostrophe stays as printed: OpenAlex prints
 * "Al‐Shuhail" where the byline said "Al-Shuhail"; both are the same person and {@link #matchKey} makes them equal).
 * Zero-width non-joiner and joiner (U+200C, U+200D) are kept by {@link #clean} because they change how Persian and
 * Indic names are spelled; {@link #matchKey} drops them.
 */
public final class Names {

    /** Whitespace of any script, including NEL. */
    public static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\u0085]+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]");
    private static final Pattern JOINERS = Pattern.compile("[\\u200C\\u200D]");
    private static final Pattern APOSTROPHES =
            Pattern.compile("[\\u2018\\u2019\\u201B\\u02BB\\u02BC\\u02BD\\u0060\\u00B4\\u2032\\uFF07]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Names() {
    }

    /** Maps every dash look-alike to an ASCII hyphen and removes soft hyphens. */
    public static String unifyDashes(String text) {
        return DASHES.matcher(text.replace("\u00AD", "")).replaceAll("-");
    }

    /** Removes the characters that carry no visible content (soft hyphens, bidi marks, zero-width spaces...). */
    public static String removeInvisible(String text) {
        return removeAll(text, Names::isInvisible);
    }

    /**
     * Whether {@code c} carries no visible content and is removed everywhere: soft hyphen, Arabic letter mark,
     * Mongolian vowel separator, zero-width space, LRM/RLM, bidi embeddings and isolates, word joiner, invisible
     * operators, BOM.
     */
    public static boolean isInvisible(char c) {
        return c == '\u00AD' || c == '\u061C' || c == '\u180E' || c == '\u200B' || c == '\u200E' || c == '\u200F'
                || c >= '\u202A' && c <= '\u202E' || c >= '\u2060' && c <= '\u2064' || c >= '\u2066' && c <= '\u2069'
                || c == '\uFEFF';
    }

    /** Whether {@code c} is a control character other than whitespace (which is collapsed separately). */
    public static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r' && c != '\u000B'
                && c != '\f' && c != '\u0085';
    }

    /** Removes control characters other than whitespace. */
    public static String removeControls(String text) {
        return removeAll(text, Names::isControl);
    }

    /**
     * Whether {@code text} is printable ASCII with single spaces between words and none at the ends: nothing for
     * {@link #clean} to do (and nothing for Unicode normalisation), the common case, told without a pattern.
     */
    public static boolean isPlainText(String text) {
        int length = text.length();
        if (length == 0 || text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~' || c == ' ' && previous == ' ') {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** Whether {@code text} holds a control character other than whitespace. */
    public static boolean containsControls(String text) {
        return text.chars().anyMatch(c -> isControl((char) c));
    }

    /**
     * A single-line text as printed (a name, title, venue, institution): invisible marks, soft hyphens and control
     * characters removed, whitespace collapsed to single spaces, trimmed. Dashes, apostrophes and letters are kept.
     *
     * @return the cleaned text, or null when nothing printable is left
     */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        if (isPlainText(raw)) {
            return raw;
        }
        String cleaned = removeControls(removeInvisible(raw));
        cleaned = WHITESPACE.matcher(cleaned).replaceAll(" ").strip();
        return cleaned.isEmpty() || JOINERS.matcher(cleaned).replaceAll("").isBlank() ? null : cleaned;
    }

    /**
     * A key for matching names, not for display: the cleaned name decomposed (NFKD), diacritics removed, letters
     * without a decomposition folded (ı, ł, ø, đ, ß, æ, œ...), dashes and apostrophes unified, lower-case, whitespace
     * collapsed. "Korhan Ayrancı" and "Korhan Ayranci", "Al‐Shuhail" and "Al-Shuhail", "O’Brien" and "O'Brien" have
     * equal keys.
     *
     * <p>Plain ASCII text ({@link #isPlainText}), most names, takes a short cut with the same result: it has nothing to
     * clean, decompose or fold but its case and the grave accent used as an apostrophe.
     *
     * @return the key, or the empty string for a null or blank name
     */
    public static String matchKey(String name) {
        if (name != null && isPlainText(name)) {
            return name.toLowerCase(Locale.ROOT).replace('`', '\'');
        }
        String cleaned = clean(name);
        if (cleaned == null) {
            return "";
        }
        String key = JOINERS.matcher(cleaned).replaceAll("");
        key = Normalizer.normalize(key, Normalizer.Form.NFKD);
        key = MARKS.matcher(key).replaceAll("");
        key = APOSTROPHES.matcher(unifyDashes(key)).replaceAll("'");
        key = foldLetters(key.toLowerCase(Locale.ROOT));
        return WHITESPACE.matcher(key).replaceAll(" ").strip();
    }

    private static String foldLetters(String lower) {
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            switch (c) {
                case 'ı' -> out.append('i');
                case 'ł' -> out.append('l');
                case 'ø' -> out.append('o');
                case 'đ', 'ð' -> out.append('d');
                case 'ħ' -> out.append('h');
                case 'ŧ' -> out.append('t');
                case 'þ' -> out.append("th");
                case 'ß' -> out.append("ss");
                case 'æ' -> out.append("ae");
                case 'œ' -> out.append("oe");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String removeAll(String text, CharPredicate unwanted) {
        int first = 0;
        while (first < text.length() && !unwanted.test(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unwanted.test(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    @FunctionalInterface
    private interface CharPredicate {
        boolean test(char c);
    }
}
