package org.bzpeer.trust.assessment.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What is known about one author, as the trust model reads it.
 *
 * @param works           works in the author's record that are not retracted
 * @param identifiedWorks of those, the works with a DOI, an arXiv id or a PMID
 * @param retractedWorks  retracted works in the author's record
 * @param firstYear       earliest publication year of the non-retracted works, null when none is known
 * @param lastYear        latest publication year of the non-retracted works, null when none is known
 * @param orcids          distinct ORCID iDs the author's authorships carry (normalised; more than one is a conflict)
 * @param idSchemes       distinct schemes of author ids the authorships carry, ORCID included (e.g. openalex, orcid)
 * @param coauthors       distinct co-authors in the research graph; null until graph-service has summarised the author
 * @param claimed         whether a signed-in user has claimed the record
 * @param verifiedOrcid   the ORCID iD the claimant proved (normalised), null when none was proven or unclaimed
 */
public record AuthorFacts(int works, int identifiedWorks, int retractedWorks, Integer firstYear, Integer lastYear,
        SortedSet<String> orcids, SortedSet<String> idSchemes, Integer coauthors, boolean claimed,
        String verifiedOrcid) {

    public AuthorFacts {
        if (works < 0 || identifiedWorks < 0 || retractedWorks < 0 || (coauthors != null && coauthors < 0)) {
            throw new IllegalArgumentException("Counts cannot be negative");
        }
        if (identifiedWorks > works) {
            throw new IllegalArgumentException(identifiedWorks + " identified works out of only " + works);
        }
        orcids = normalizedOrcids(orcids);
        idSchemes = unmodifiable(idSchemes);
        verifiedOrcid = claimed ? normalizeOrcid(verifiedOrcid) : null;
    }

    /** The facts of an author nothing is known about yet. */
    public static AuthorFacts none() {
        return new AuthorFacts(0, 0, 0, null, null, new TreeSet<>(), new TreeSet<>(), null, false, null);
    }

    /** Works in the record, retracted ones included. */
    public int recordedWorks() {
        return works + retractedWorks;
    }

    /** The one ORCID iD the record carries; empty when it carries none or several that disagree. */
    public Optional<String> recordOrcid() {
        return orcids.size() == 1 ? Optional.of(orcids.first()) : Optional.empty();
    }

    /** Whether the claimant proved the ORCID iD the record carries. */
    public boolean orcidProven() {
        return claimed && verifiedOrcid != null && recordOrcid().map(verifiedOrcid::equals).orElse(false);
    }

    /**
     * An ORCID iD in the bare form ingest-service writes ({@code 0000-0002-1825-0097}, check digit {@code X}
     * upper-case), whether given bare or as an orcid.org URL; null for null or blank.
     */
    public static String normalizeOrcid(String orcid) {
        if (orcid == null || orcid.isBlank()) {
            return null;
        }
        return orcid.trim().replaceFirst("(?i)^https?://(www\\.)?orcid\\.org/", "").toUpperCase(Locale.ROOT);
    }

    private static SortedSet<String> normalizedOrcids(Collection<String> orcids) {
        TreeSet<String> normalized = new TreeSet<>();
        Objects.requireNonNull(orcids, "orcids").stream().map(AuthorFacts::normalizeOrcid).filter(Objects::nonNull)
                .forEach(normalized::add);
        return Collections.unmodifiableSortedSet(normalized);
    }

    private static SortedSet<String> unmodifiable(Set<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(values, "idSchemes")));
    }
}
