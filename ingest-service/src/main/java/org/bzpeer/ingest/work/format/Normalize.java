package org.bzpeer.ingest.work.format;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.bzpeer.kit.text.Names;

/**
 * The one place where identifiers, names, texts and dates are normalised, for every work format and for later
 * matching. Each identifier method either returns the canonical form or throws {@link IllegalArgumentException} whose
 * message is a human reason; the caller names the field (see {@link JsonField}).
 *
 * <p>Canonical forms: DOI {@code 10.x/y} lower-case; ORCID {@code 0000-0001-7056-6323} with a valid ISO 7064 11,2
 * check digit; OpenAlex {@code A5000180362} (kind letter upper-case); arXiv {@code 2301.01234} or {@code cs/0112017}
 * without version; PubMed digits; PMC {@code PMC123}; ROR {@code 03yez3163}; ISSN {@code 1364-0321}.
 *
 * <p>Unicode hygiene: in identifiers every dash look-alike becomes an ASCII hyphen and invisible marks are removed, so
 * one id written with different dashes normalises equal; an identifier or code that holds a control character is
 * refused, because an identifier is copied, never edited. Names and texts are cleaned (control characters removed,
 * tabs and line breaks counting as whitespace), and names matched, by the service kit's {@link Names}, which every
 * service shares.
 */
public final class Normalize {

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
    /** arXiv's DataCite DOIs: {@code 10.48550/arxiv.<id>} names the preprint {@code <id>}. */
    private static final Pattern ARXIV_DOI = Pattern.compile("10\\.48550/arxiv\\.(.+)");
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
    /**
     * A label "Abstract" that sources put before the abstract itself: followed by a full stop or colon, or by a
     * capitalised word or a line break, possibly in markup left over by the source.
     */
    private static final Pattern ABSTRACT_LABEL =
            Pattern.compile("^(?:<title>)?(?i:abstract)(?:</title>)?(?:[.:]\\s*|\\s+(?=\\p{Lu}|\\d)|\n\\s*)");
    /** Where an arXiv abstract starts a paragraph: a line indented, or a blank line. */
    private static final Pattern ARXIV_PARAGRAPH = Pattern.compile("\\n[ \\t]+|\\n\\s*\\n");
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
        String cleaned = raw == null ? "" : Names.unifyDashes(Names.removeInvisible(raw)).strip();
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("must not be blank");
        }
        if (Names.containsControls(cleaned)) {
            throw new IllegalArgumentException("must not contain control characters");
        }
        return cleaned;
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
        String value = Names.WHITESPACE.matcher(ORCID_RESOLVER.matcher(identifier(raw)).replaceFirst("").strip())
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

    /**
     * The arXiv id a normalised DOI names when it is one of arXiv's DataCite DOIs ({@code 10.48550/arxiv.2301.01234}
     * names {@code 2301.01234}), else null.
     */
    public static String arxivOfDoi(String doi) {
        var arxivDoi = doi == null ? null : ARXIV_DOI.matcher(doi);
        if (arxivDoi == null || !arxivDoi.matches()) {
            return null;
        }
        try {
            return arxiv(arxivDoi.group(1));
        } catch (IllegalArgumentException notAnArxivId) {
            return null;
        }
    }

    /**
     * Adds to a work's normalised identifiers those they imply: the arXiv id of an arXiv DataCite DOI, unless the
     * work names its arXiv id itself. Every format calls it, so a preprint and its DOI meet whatever the source.
     */
    public static void addImpliedIdentifiers(Map<String, String> workIdentifiers) {
        String arxiv = arxivOfDoi(workIdentifiers.get("doi"));
        if (arxiv != null) {
            workIdentifiers.putIfAbsent("arxiv", arxiv);
        }
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
     * A name as printed: composed to Unicode NFC (so a letter and its combining accent equal the precomposed letter),
     * invisible marks, soft hyphens and control characters removed, whitespace collapsed to single spaces, trimmed.
     * Dashes, apostrophes and letters are kept as printed.
     *
     * @return the cleaned name, or null when nothing printable is left
     */
    public static String name(String raw) {
        return text(raw);
    }

    /** A single-line text (title, venue, institution, topic): cleaned like {@link #name}; null when blank. */
    public static String text(String raw) {
        if (raw == null || Names.isPlainText(raw)) {
            return raw;
        }
        return Names.clean(Normalizer.normalize(raw, Normalizer.Form.NFC));
    }

    /**
     * A multi-line text (abstract): composed to NFC, invisible marks and control characters removed, runs of spaces
     * collapsed, line separators (including U+2028) kept as a newline, paragraph breaks (blank lines, U+2029) as one
     * blank line; null when blank.
     */
    public static String longText(String raw) {
        if (raw == null || Names.isPlainText(raw)) {
            return raw;
        }
        String text = isAscii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Names.isInvisible(c) || Names.isControl(c)) {
                continue;
            }
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u0085' || c == '\u000B' || c == '\f') {
                newlines++;
                space = false;
            } else if (c == '\u2029') {
                newlines += 2;
                space = false;
            } else if (c == '\t' || Character.getType(c) == Character.SPACE_SEPARATOR) {
                space = newlines == 0;
            } else {
                if (!out.isEmpty()) {
                    out.append(newlines > 0 ? "\n".repeat(Math.min(newlines, 2)) : space ? " " : "");
                }
                newlines = 0;
                space = false;
                out.append(c);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /**
     * An arXiv abstract: its hard line wraps undone, its paragraphs (after a blank line or an indented line) kept
     * apart, then as {@link #abstractText}. Null when blank.
     */
    public static String arxivAbstract(String raw) {
        if (raw == null) {
            return null;
        }
        String paragraphs = ARXIV_PARAGRAPH.matcher(raw.strip().replace("\r\n", "\n")).replaceAll("\u2029");
        return abstractText(paragraphs.replace('\n', ' '));
    }

    /**
     * The day of an RFC 1123 date-time as arXiv prints version dates: {@code Mon, 2 Apr 2007 19:18:42 GMT}.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static LocalDate rfc1123Date(String raw) {
        try {
            return ZonedDateTime.parse(raw.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a date such as 'Mon, 2 Apr 2007 19:18:42 GMT'");
        }
    }

    /**
     * An abstract: a {@link #longText} without the "Abstract" label many sources print before it ("Abstract The
     * study...", "ABSTRACT: We...", "Abstract. In..."); "Abstract algebra is..." is left as is. Null when blank.
     */
    public static String abstractText(String raw) {
        String text = longText(raw);
        return text == null ? null : longText(ABSTRACT_LABEL.matcher(text).replaceFirst(""));
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
        return Names.WHITESPACE.matcher(value).find();
    }
}
