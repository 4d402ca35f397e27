package org.bzpeer.ingest.work.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The controlled vocabulary of work types every format maps onto; a {@code SubmittedWork}'s {@code type} is always
 * one of these {@link #code() codes}. Each source's own types are mapped here, in one place, so that the same kind
 * of work has one type whatever source it came from:
 *
 * <table>
 *   <caption>source types by work type</caption>
 *   <tr><th>type</th><th>OpenAlex</th><th>Crossref</th><th>arXiv</th></tr>
 *   <tr><td>article</td><td>article</td><td>journal-article</td><td></td></tr>
 *   <tr><td>preprint</td><td>preprint</td><td>posted-content (subtype preprint or none)</td><td>every record</td></tr>
 *   <tr><td>book</td><td>book</td><td>book, monograph, edited-book, reference-book, book-set, book-series</td>
 *       <td></td></tr>
 *   <tr><td>book-chapter</td><td>book-chapter, reference-entry</td>
 *       <td>book-chapter, book-section, book-part, book-track, reference-entry</td><td></td></tr>
 *   <tr><td>proceedings-article</td><td>article whose type_crossref is proceedings-article</td>
 *       <td>proceedings-article</td><td></td></tr>
 *   <tr><td>proceedings</td><td></td><td>proceedings, proceedings-series</td><td></td></tr>
 *   <tr><td>dissertation</td><td>dissertation</td><td>dissertation, posted-content dissertation</td><td></td></tr>
 *   <tr><td>dataset</td><td>dataset</td><td>dataset, database</td><td></td></tr>
 *   <tr><td>report</td><td>report</td><td>report, report-series, report-component, posted-content working-paper
 *       and report</td><td></td></tr>
 *   <tr><td>review</td><td>review, peer-review</td><td>peer-review</td><td></td></tr>
 *   <tr><td>editorial</td><td>editorial</td><td></td><td></td></tr>
 *   <tr><td>letter</td><td>letter</td><td>posted-content letter</td><td></td></tr>
 *   <tr><td>erratum</td><td>erratum, retraction</td><td></td><td></td></tr>
 *   <tr><td>other</td><td>anything else (paratext, libguides, standard, grant, supplementary-materials...)</td>
 *       <td>anything else (component, journal, journal-issue, standard, grant...), and no type at all</td>
 *       <td></td></tr>
 * </table>
 *
 * <p>{@code review} is a work whose subject is other works: a review article or a peer-review report. A retraction
 * notice counts as an {@code erratum} (a notice about another work); the retracted work itself keeps its type and is
 * flagged retracted.
 */
public enum WorkType {
    ARTICLE("article"),
    PREPRINT("preprint"),
    BOOK("book"),
    BOOK_CHAPTER("book-chapter"),
    PROCEEDINGS_ARTICLE("proceedings-article"),
    PROCEEDINGS("proceedings"),
    DISSERTATION("dissertation"),
    DATASET("dataset"),
    REPORT("report"),
    REVIEW("review"),
    EDITORIAL("editorial"),
    LETTER("letter"),
    ERRATUM("erratum"),
    OTHER("other");

    private static final Map<String, WorkType> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(WorkType::code, Function.identity()));

    private static final Map<String, WorkType> OPENALEX = Map.of(
            "reference-entry", BOOK_CHAPTER,
            "peer-review", REVIEW,
            "retraction", ERRATUM);

    private static final Map<String, WorkType> CROSSREF = Map.ofEntries(
            Map.entry("journal-article", ARTICLE),
            Map.entry("book", BOOK),
            Map.entry("monograph", BOOK),
            Map.entry("edited-book", BOOK),
            Map.entry("reference-book", BOOK),
            Map.entry("book-set", BOOK),
            Map.entry("book-series", BOOK),
            Map.entry("book-chapter", BOOK_CHAPTER),
            Map.entry("book-section", BOOK_CHAPTER),
            Map.entry("book-part", BOOK_CHAPTER),
            Map.entry("book-track", BOOK_CHAPTER),
            Map.entry("reference-entry", BOOK_CHAPTER),
            Map.entry("proceedings-article", PROCEEDINGS_ARTICLE),
            Map.entry("proceedings", PROCEEDINGS),
            Map.entry("proceedings-series", PROCEEDINGS),
            Map.entry("dissertation", DISSERTATION),
            Map.entry("dataset", DATASET),
            Map.entry("database", DATASET),
            Map.entry("report", REPORT),
            Map.entry("report-series", REPORT),
            Map.entry("report-component", REPORT),
            Map.entry("peer-review", REVIEW));

    private static final Map<String, WorkType> CROSSREF_POSTED_CONTENT = Map.of(
            "preprint", PREPRINT,
            "working-paper", REPORT,
            "report", REPORT,
            "letter", LETTER,
            "dissertation", DISSERTATION,
            "other", OTHER);

    private static final Map<String, WorkType> ORCID = Map.ofEntries(
            Map.entry("journal-article", ARTICLE),
            Map.entry("magazine-article", ARTICLE),
            Map.entry("preprint", PREPRINT),
            Map.entry("book", BOOK),
            Map.entry("edited-book", BOOK),
            Map.entry("book-chapter", BOOK_CHAPTER),
            Map.entry("dictionary-entry", BOOK_CHAPTER),
            Map.entry("encyclopedia-entry", BOOK_CHAPTER),
            Map.entry("conference-paper", PROCEEDINGS_ARTICLE),
            Map.entry("conference-proceedings", PROCEEDINGS),
            Map.entry("dissertation", DISSERTATION),
            Map.entry("dissertation-thesis", DISSERTATION),
            Map.entry("data-set", DATASET),
            Map.entry("report", REPORT),
            Map.entry("working-paper", REPORT),
            Map.entry("review", REVIEW),
            Map.entry("book-review", REVIEW));

    private final String code;

    WorkType(String code) {
        this.code = code;
    }

    /** The type as works carry it: lower-case words joined by hyphens, e.g. {@code book-chapter}. */
    public String code() {
        return code;
    }

    /** The type whose {@link #code} is {@code code}, or empty. */
    public static Optional<WorkType> ofCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /** The codes of the vocabulary, in the order of this enum, for messages and documentation. */
    public static String codes() {
        return Arrays.stream(values()).map(WorkType::code).collect(Collectors.joining(", "));
    }

    /**
     * The type of an OpenAlex work: its {@code type}, except that an {@code article} whose {@code type_crossref}
     * says {@code proceedings-article} is one; unknown or missing types are {@link #OTHER}.
     */
    public static WorkType fromOpenAlex(String type, String typeCrossref) {
        String key = lowerCase(type);
        if (key.equals("article") && "proceedings-article".equals(lowerCase(typeCrossref))) {
            return PROCEEDINGS_ARTICLE;
        }
        return BY_CODE.getOrDefault(key, OPENALEX.getOrDefault(key, OTHER));
    }

    /**
     * The type of a Crossref work from its {@code type} and {@code subtype}: posted content is a preprint unless its
     * subtype says otherwise; unknown or missing types are {@link #OTHER}.
     */
    public static WorkType fromCrossref(String type, String subtype) {
        String key = lowerCase(type);
        if (key.equals("posted-content")) {
            return subtype == null ? PREPRINT : CROSSREF_POSTED_CONTENT.getOrDefault(lowerCase(subtype), OTHER);
        }
        return CROSSREF.getOrDefault(key, OTHER);
    }

    /**
     * The type of an ORCID work summary from its {@code type} (v3's {@code journal-article} or v2's
     * {@code JOURNAL_ARTICLE}); unknown or missing types are
     * {@link #OTHER}.
     */
    public static WorkType fromOrcid(String type) {
        return ORCID.getOrDefault(lowerCase(type).replace('_', '-'), OTHER);
    }

    private static String lowerCase(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
