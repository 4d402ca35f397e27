package org.bzpeer.ingest.work.model;

import java.util.List;
import java.util.Map;

/**
 * A work as a pipeline submitted it, after parsing and normalisation but before de-duplication and author
 * resolution. Invariants: {@code type} is non-blank; {@code identifiers} keys are lower-case schemes
 * ({@code doi}, {@code arxiv}, {@code openalex}, {@code pmid}, ...) with normalised values; either {@code title} or at
 * least one identifier is present; lists are never null.
 *
 * @param source          where the record came from: bzpeer, openalex, crossref, arxiv
 * @param identifiers     work identifiers by scheme, normalised (DOI lower-case without resolver, arXiv id without
 *                        version, OpenAlex id as W123)
 * @param type            work type as the source names it (article, preprint, book-chapter, ...)
 * @param publicationYear year of publication, if known
 * @param publicationDate ISO-8601 date (yyyy-MM-dd), if known
 * @param venue           where it was published, if known
 * @param title           title, if the source has one
 * @param abstractText    abstract as plain text, if known
 * @param language        ISO 639-1 language code, if known
 * @param retracted       whether the work is retracted
 * @param authorships     authors in byline order; when the source listed more than ingest keeps, the first ones
 * @param topics          topics the source assigns
 * @param listedAuthorshipCount how many authorships the source listed when that is more than {@code authorships}
 *                        kept (the list was truncated at a limit); null when every listed authorship was read
 * @param versionIdentifiers identifiers of other versions of this work that the source lists (a Crossref article's
 *                        preprint), which name the same work without being this record's own
 */
public record SubmittedWork(
        String source,
        Map<String, String> identifiers,
        String type,
        Integer publicationYear,
        String publicationDate,
        SubmittedVenue venue,
        String title,
        String abstractText,
        String language,
        boolean retracted,
        List<SubmittedAuthorship> authorships,
        List<SubmittedTopic> topics,
        Integer listedAuthorshipCount,
        List<VersionIdentifier> versionIdentifiers) {

    /** The source of records whose authorships are their owner alone ({@link #bylinePartial}). */
    public static final String PARTIAL_BYLINE_SOURCE = "orcid";

    public SubmittedWork {
        identifiers = Map.copyOf(identifiers);
        authorships = List.copyOf(authorships);
        topics = List.copyOf(topics);
        versionIdentifiers = List.copyOf(versionIdentifiers);
    }

    /** A work that lists no other version of itself. */
    public SubmittedWork(String source, Map<String, String> identifiers, String type, Integer publicationYear,
            String publicationDate, SubmittedVenue venue, String title, String abstractText, String language,
            boolean retracted, List<SubmittedAuthorship> authorships, List<SubmittedTopic> topics,
            Integer listedAuthorshipCount) {
        this(source, identifiers, type, publicationYear, publicationDate, venue, title, abstractText, language,
                retracted, authorships, topics, listedAuthorshipCount, List.of());
    }

    /** A work all of whose listed authorships were kept, listing no other version of itself. */
    public SubmittedWork(String source, Map<String, String> identifiers, String type, Integer publicationYear,
            String publicationDate, SubmittedVenue venue, String title, String abstractText, String language,
            boolean retracted, List<SubmittedAuthorship> authorships, List<SubmittedTopic> topics) {
        this(source, identifiers, type, publicationYear, publicationDate, venue, title, abstractText, language,
                retracted, authorships, topics, null);
    }

    /**
     * Whether the authorships are a part of the byline only, as in an ORCID record's works (source {@code orcid}),
     * which name their owner alone: such a record never replaces the byline of a work known already.
     */
    public boolean bylinePartial() {
        return PARTIAL_BYLINE_SOURCE.equals(source);
    }

    /** Whether the source listed more authorships than were kept. */
    public boolean authorshipsTruncated() {
        return listedAuthorshipCount != null;
    }
}
