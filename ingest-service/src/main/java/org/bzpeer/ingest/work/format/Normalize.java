package org.bzpeer.ingest.work.format;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place where identifiers, names, texts and dates are normalised, for every work format and for later
 * matching. Each identifier method either returns the canonical form or throws {@link IllegalArgumentException} whose
 * message is a human reason; the caller names the field (see {@link JsonField}).
 *
 * <p>Canonical forms: DOI {@code 10.x/y} lower-case; ORCID {@code 0000-0001-7056-6323} with a valid ISO 7064 11,2
 * check digit; OpenAlex {@code A5000180362} (kind letter upper-case); arXiv {@code 2301.01234} or {@code cs/0112017}
 * without version; PubMed digits; PMC {@code PMC123}; ROR {@code 03yez3163}; ISSN {@code 1364-0321}.
 *
 * <p>Unicode hygiene: in identifiers every dash look-alike (U+2010..U+2015, U+2212, U+FE58, U+FE63, U+FF0D) becomes an
 * ASCII hyphen and soft hyphens (U+00AD) and invisible marks are removed, so one id written with different dashes
 * normalises equal. In names and titles invisible marks and soft hyphens are removed and whitespace is collapsed, but
 * the printed form is kept otherwise: a U+2010 hyphen or a curly apostrophe stays as printed (OpenAlex prints
 * "Al‐Shuhail" where the byline said "Al-Shuhail"; both are the same person and {@link #matchKey} makes them equal).
 * Zero-width non-joiner and joiner (U+200C, U+200D) are kept in printed names because they change how Persian and
 * Indic names are spelled; {@link #matchKey} drops them. Control characters, which JSON admits only as escape
 * sequences, are removed from names and texts (tabs and line breaks count as whitespace); an identifier or code that
 * holds one is refused, because an identifier is copied, never edited.
 */
public final class Normalize {

    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]");
    /**
     * Characters that carry no visible content and are removed everywhere: soft hyphen, Arabic letter mark,
     * zero-width space, LRM/RLM, bidi embeddings and isolates, word joiner, invisible operators, BOM.
     */
    private static final Pattern INVISIBLE =
            Pattern.compile("[\\u00AD\\u061C\\u180E\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064"
                    + "\\u2066-\\u2069\\uFEFF]");
    private static final Pattern JOINERS = Pattern.compile("[\\u200C\\u200D]");
    /** Control characters other than whitespace (which is collapsed separately). */
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r\\u000B\\f\\u0085]]");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\u0085]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern APOSTROPHES =
            Pattern.compile("[\\u2018\\u2019\\u201B\\u02BB\\u02BC\\u02BD\\u0060\\u00B4\\u2032\\uFF07]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final Pattern DOI_RESOLVER =
            Pattern.compile("^(?:doi:|(?:https?://)?(?:dx\\.|www\\.)?doi\\.org/)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORCID_RESOLVER =
            Pattern.compile("^(?:orcid:|(?:https?://)?(?:www\\.)?orcid\\.org/)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORCID = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");
    private static final Pattern OPENALEX_RESOLVER =
            Pattern.compile("^(?:openalex:|(?:https?://)?(?:api\\.)?openalex\\.org/(?:works/|authors/|institutions/"
                    + "|sources/|topics/|concepts/|publishers/|funders/)?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPENALEX = Pattern.compile("[WAISTCPF][1-9]\\d{0,18}");
    private static final Pattern ARXIV_RESOLVER =
            Pattern.compile("^(?:arxiv:|(?:https?://)?(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf)/)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern ARXIV_NEW = Pattern.compile("(\\d{4}\\.\\d{4,5})(?:v\\d+)?(?:\\.pdf)?");
    private static final Pattern ARXIV_OLD =
            Pattern.compile("([a-z][a-z-]*)(?:\\.[a-z]{2})?/(\\d{7})(?:v\\d+)?(?:\\.pdf)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PMID_RESOLVER =
            Pattern.compile("^(?:pmid:|(?:https?://)?(?:www\\.)?pubmed\\.ncbi\\.nlm\\.nih\\.gov/)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern PMCID_RESOLVER = Pattern.compile(
            "^(?:(?:https?://)?(?:www\\.)?(?:ncbi\\.nlm\\.nih\\.gov/pmc/articles/"
                    + "|pmc\\.ncbi\\.nlm\\.nih\\.gov/articles/))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PMCID = Pattern.compile("PMC[1-9]\\d{0,11}");
    private static final Pattern DIGITS = Pattern.compile("[1-9]\\d{0,19}");
    private static final Pattern ROR_RESOLVER =
            Pattern.compile("^(?:(?:https?://)?(?:www\\.)?ror\\.org/)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROR = Pattern.compile("0[a-hj-km-np-tv-z0-9]{6}\\d{2}");
    private static final Pattern ISSN = Pattern.compile("\\d{4}-\\d{3}[\\dX]");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private Normalize() {
    }

    // ---------------------------------------------------------------- identifiers

    /**
     * Cleans any identifier value: removes invisible marks and whitespace at the ends, maps dash look-alikes to an
     * ASCII hyphen. Used as is for schemes this class does not know.
     *
     * @throws IllegalArgumentException when nothing is left, or when it holds a control character (an identifier
     *                                  is copied, never cleaned of content)
     */
    public static String identifier(String raw) {
        String cleaned = raw == null ? "" : unifyDashes(INVISIBLE.matcher(raw).replaceAll("")).strip();
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("must not be blank");
        }
        if (CONTROLS.matcher(cleaned).find()) {
            throw new IllegalArgumentException("must not contain control characters");
        }
        return cleaned;
    }

    /** Maps every dash look-alike to an ASCII hyphen and removes soft hyphens. */
    public static String unifyDashes(String text) {
        return DASHES.matcher(text.replace("\u00AD", "")).replaceAll("-");
    }

    /** {@code 10.x/y} from a bare DOI, {@code doi:} or any doi.org resolver URL; lower-case. */
    public static String doi(String raw) {
        String value = DOI_RESOLVER.matcher(identifier(raw)).replaceFirst("").strip().toLowerCase(Locale.ROOT);
        if (!value.startsWith("10.") || value.indexOf('/') < 4 || value.endsWith("/") || containsWhitespace(value)) {
            throw new IllegalArgumentException("must be a DOI such as 10.1016/j.rser.2024.114646 (optionally with a "
                    + "doi: or https://doi.org/ prefix)");
        }
        return value;
    }

    /** {@code 0000-0001-7056-6323} from a bare ORCID or an orcid.org URL; format and check digit verified. */
    public static String orcid(String raw) {
        String value = WHITESPACE.matcher(ORCID_RESOLVER.matcher(identifier(raw)).replaceFirst("").strip())
                .replaceAll("-").toUpperCase(Locale.ROOT);
        if (value.length() == 16 && value.chars().limit(15).allMatch(Character::isDigit)) {
            value = value.substring(0, 4) + "-" + value.substring(4, 8) + "-" + value.substring(8, 12) + "-"
                    + value.substring(12);
        }
        if (!ORCID.matcher(value).matches()) {
            throw new IllegalArgumentException("must be an ORCID iD such as 0000-0001-7056-6323 "
                    + "(optionally as https://orcid.org/...)");
        }
        if (orcidCheckDigit(value.replace("-", "").substring(0, 15)) != value.charAt(value.length() - 1)) {
            throw new IllegalArgumentException("ORCID check digit does not match");
        }
        return value;
    }

    /** The ISO 7064 11,2 check character of the first 15 digits of an ORCID iD. */
    static char orcidCheckDigit(String fifteenDigits) {
        int total = 0;
        for (int i = 0; i < fifteenDigits.length(); i++) {
            total = (total + (fifteenDigits.charAt(i) - '0')) * 2;
        }
        int result = (12 - total % 11) % 11;
        return result == 10 ? 'X' : (char) ('0' + result);
    }

    /**
     * The bare OpenAlex id ({@code W…}, {@code A…}, {@code I…}, {@code S…}, {@code T…}, {@code C…}, {@code P…},
     * {@code F…}) from a bare id or an openalex.org URL.
     */
    public static String openAlex(String raw) {
        String value = OPENALEX_RESOLVER.matcher(identifier(raw)).replaceFirst("");
        if (!value.isEmpty()) {
            value = Character.toUpperCase(value.charAt(0)) + value.substring(1);
        }
        if (!OPENALEX.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "must be an OpenAlex id such as W2741809807 or https://openalex.org/W2741809807");
        }
        return value;
    }

    /**
     * Like {@link #openAlex(String)}, and the id must be of one of the given kinds ({@code "W"} for works, {@code "A"}
     * for authors, {@code "TC"} for topics or concepts...).
     */
    public static String openAlex(String raw, String kinds) {
        String value = openAlex(raw);
        if (kinds.indexOf(value.charAt(0)) < 0) {
            throw new IllegalArgumentException("must be an OpenAlex " + openAlexKinds(kinds) + " id, not " + value);
        }
        return value;
    }

    private static String openAlexKinds(String kinds) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kinds.length(); i++) {
            char kind = kinds.charAt(i);
            String noun = switch (kind) {
                case 'W' -> "work";
                case 'A' -> "author";
                case 'I' -> "institution";
                case 'S' -> "source";
                case 'T' -> "topic";
                case 'C' -> "concept";
                case 'P' -> "publisher";
                case 'F' -> "funder";
                default -> throw new IllegalArgumentException("unknown OpenAlex kind " + kind);
            };
            out.append(i == 0 ? "" : " or ").append(noun).append(" (").append(kind).append("...)");
        }
        return out.toString();
    }

    /**
     * An arXiv id without version: new style {@code 2301.01234} or old style {@code cs/0112017}, from a bare id,
     * {@code arXiv:} or an arxiv.org/abs or /pdf URL. An old-style subject class ({@code math.GT/0309136}) is dropped:
     * arXiv numbers old-style papers per archive, so {@code math/0309136} names the same paper.
     */
    public static String arxiv(String raw) {
        String value = ARXIV_RESOLVER.matcher(identifier(raw)).replaceFirst("");
        var newStyle = ARXIV_NEW.matcher(value);
        if (newStyle.matches()) {
            return newStyle.group(1);
        }
        var oldStyle = ARXIV_OLD.matcher(value);
        if (oldStyle.matches()) {
            return oldStyle.group(1).toLowerCase(Locale.ROOT) + "/" + oldStyle.group(2);
        }
        throw new IllegalArgumentException("must be an arXiv id such as 2301.01234 or cs/0112017 (optionally with "
                + "arXiv: or https://arxiv.org/abs/ and a version)");
    }

    /** PubMed id digits, from bare digits, {@code pmid:} or a pubmed.ncbi.nlm.nih.gov URL. */
    public static String pmid(String raw) {
        String value = PMID_RESOLVER.matcher(identifier(raw)).replaceFirst("");
        value = stripTrailingSlash(value);
        if (!DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "must be a PubMed id (digits), optionally as https://pubmed.ncbi.nlm.nih.gov/...");
        }
        return value;
    }

    /** PubMed Central id {@code PMC123}, from a bare id or an NCBI PMC URL. */
    public static String pmcid(String raw) {
        String value = stripTrailingSlash(PMCID_RESOLVER.matcher(identifier(raw)).replaceFirst(""))
                .toUpperCase(Locale.ROOT);
        if (DIGITS.matcher(value).matches()) {
            value = "PMC" + value;
        }
        if (!PMCID.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a PubMed Central id such as PMC1234567");
        }
        return value;
    }

    /** A Microsoft Academic Graph id: digits. */
    public static String mag(String raw) {
        String value = identifier(raw);
        if (!DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a Microsoft Academic Graph id (digits)");
        }
        return value;
    }

    /** A ROR id without resolver ({@code 03yez3163}), from a bare id or a ror.org URL; format verified, lower-case. */
    public static String ror(String raw) {
        String value = stripTrailingSlash(ROR_RESOLVER.matcher(identifier(raw)).replaceFirst(""))
                .toLowerCase(Locale.ROOT);
        if (!ROR.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a ROR id such as 03yez3163 or https://ror.org/03yez3163");
        }
        return value;
    }

    /** An ISSN {@code 1234-567X} with its check digit verified. */
    public static String issn(String raw) {
        String value = issnShape(raw);
        int total = 0;
        for (int i = 0, weight = 8; i < 8; i++) {
            if (i != 4) {
                total += (value.charAt(i) - '0') * weight--;
            }
        }
        int check = (11 - total % 11) % 11;
        if (value.charAt(8) != (check == 10 ? 'X' : (char) ('0' + check))) {
            throw new IllegalArgumentException("ISSN check digit does not match");
        }
        return value;
    }

    /**
     * An ISSN {@code 1234-567X} by its shape only. For sources that use an ISSN as their own key even when its check
     * digit is wrong (OpenAlex keys Pure and Applied Geophysics by ISSN-L 0033-4533).
     */
    public static String issnShape(String raw) {
        String value = identifier(raw).toUpperCase(Locale.ROOT);
        if (value.length() == 8) {
            value = value.substring(0, 4) + "-" + value.substring(4);
        }
        if (!ISSN.matcher(value).matches()) {
            throw new IllegalArgumentException("must be an ISSN such as 1364-0321");
        }
        return value;
    }

    /**
     * A scheme-prefixed id such as {@code openalex:S68497187}: the scheme must be a valid {@link #isScheme scheme};
     * {@code openalex:} values are normalised with {@link #openAlex(String, String)} to one of the given kinds, and a
     * bare openalex.org URL is accepted and prefixed.
     */
    public static String prefixedId(String raw, String openAlexKinds) {
        String value = identifier(raw);
        if (OPENALEX_RESOLVER.matcher(value).lookingAt()) {
            return "openalex:" + openAlex(value, openAlexKinds);
        }
        int colon = value.indexOf(':');
        String rest = colon < 0 ? "" : value.substring(colon + 1).strip();
        if (colon < 0 || !isScheme(value.substring(0, colon)) || rest.isEmpty()) {
            throw new IllegalArgumentException(
                    "must be a scheme-prefixed id such as openalex:" + openAlexKinds.charAt(0) + "123");
        }
        return value.substring(0, colon) + ":" + rest;
    }

    /** Whether {@code scheme} is a valid identifier scheme: {@code [a-z][a-z0-9-]{1,31}}. */
    public static boolean isScheme(String scheme) {
        return scheme != null && SCHEME.matcher(scheme).matches();
    }

    // ---------------------------------------------------------------- names and texts

    /**
     * A name as printed: invisible marks, soft hyphens and control characters removed, whitespace collapsed to single
     * spaces, trimmed. Dashes, apostrophes and letters are kept as printed.
     *
     * @return the cleaned name, or null when nothing printable is left
     */
    public static String name(String raw) {
        return text(raw);
    }

    /** A single-line text (title, venue, institution, topic): cleaned like {@link #name}; null when blank. */
    public static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String cleaned = INVISIBLE.matcher(raw).replaceAll("");
        cleaned = CONTROLS.matcher(cleaned).replaceAll("");
        cleaned = WHITESPACE.matcher(cleaned).replaceAll(" ").strip();
        return cleaned.isEmpty() || JOINERS.matcher(cleaned).replaceAll("").isBlank() ? null : cleaned;
    }

    /**
     * A multi-line text (abstract): invisible marks and control characters removed, runs of spaces collapsed, line
     * separators (including U+2028) kept as a newline, paragraph breaks (blank lines, U+2029) as one blank line; null
     * when blank.
     */
    public static String longText(String raw) {
        if (raw == null) {
            return null;
        }
        String cleaned = INVISIBLE.matcher(raw).replaceAll("");
        cleaned = CONTROLS.matcher(cleaned).replaceAll("");
        cleaned = cleaned.replace("\u2029", "\n\n").replaceAll("\\r\\n?|[\\u2028\\u0085\\u000B\\f]", "\n");
        cleaned = cleaned.replaceAll("[\\t\\p{Zs}]+", " ").replaceAll(" ?\n ?", "\n").replaceAll("\n{3,}", "\n\n");
        cleaned = cleaned.strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /**
     * A key for matching names, not for display: the cleaned name decomposed (NFKD), diacritics removed, letters
     * without a decomposition folded (ı, ł, ø, đ, ß, æ, œ...), dashes and apostrophes unified, lower-case, whitespace
     * collapsed. "Korhan Ayrancı" and "Korhan Ayranci", "Al‐Shuhail" and "Al-Shuhail", "O’Brien" and "O'Brien" have
     * equal keys.
     *
     * @return the key, or the empty string for a null or blank name
     */
    public static String matchKey(String name) {
        String cleaned = name(name);
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

    // ---------------------------------------------------------------- dates and codes

    /**
     * A date {@code yyyy-MM-dd}, strictly valid (no 30 February); whether its year is plausible is the format's
     * decision ({@link RecordLimits#isPlausibleYear}).
     */
    public static LocalDate date(String raw) {
        String value = raw == null ? "" : raw.strip();
        LocalDate date;
        try {
            date = value.length() == 10 ? LocalDate.parse(value, ISO_DATE) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            throw new IllegalArgumentException("must be a date yyyy-MM-dd");
        }
        return date;
    }

    /** An ISO 639-1 language code, lower-case. */
    public static String language(String raw) {
        String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGE.matcher(value).matches()) {
            throw new IllegalArgumentException("must be an ISO 639-1 language code such as en");
        }
        return value;
    }

    /** An ISO 3166-1 alpha-2 country code, upper-case. */
    public static String countryCode(String raw) {
        String value = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(value).matches()) {
            throw new IllegalArgumentException("must be an ISO 3166-1 alpha-2 country code such as SA");
        }
        return value;
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static boolean containsWhitespace(String value) {
        return WHITESPACE.matcher(value).find();
    }
}
