package org.bzpeer.bench.corpus;

import java.util.List;

/**
 * One work of a benchmark corpus, in the shape both corpora share: what the generator writes as our JSON format,
 * what is read back from an OpenAlex record, and what shape measurements and COPY rows are taken from.
 *
 * @param workId      the work's id in its corpus (OpenAlex W id, or the synthetic work's DOI)
 * @param doi         lower-case DOI, or null
 * @param type        work type ({@code article}, {@code preprint}...)
 * @param year        publication year, or null
 * @param title       title, or null
 * @param abstractText abstract, or null
 * @param venue       name of the venue, or null
 * @param authorships in byline order
 * @param topics      topics of the work
 */
public record CorpusWork(String workId, String doi, String type, Integer year, String title, String abstractText,
        String venue, List<Authorship> authorships, List<Topic> topics) {

    /**
     * One author's place on a work.
     *
     * @param openAlexId   the author's OpenAlex id ({@code A...}), or null when the authorship names nobody known
     * @param orcid        the author's ORCID iD, or null
     * @param name         the name as printed
     * @param institutions the institutions given for this authorship
     */
    public record Authorship(String openAlexId, String orcid, String name, List<Institution> institutions) {

        /** The key that tells authors apart in a corpus: the OpenAlex id, else the ORCID, else the printed name. */
        public String authorKey() {
            if (openAlexId != null) {
                return openAlexId;
            }
            return orcid != null ? "orcid:" + orcid : "name:" + name;
        }
    }

    /** An institution, by OpenAlex id ({@code I...}) and name. */
    public record Institution(String openAlexId, String name, String countryCode) {
    }

    /** A topic, by OpenAlex id ({@code T...}) and name. */
    public record Topic(String openAlexId, String name) {
    }
}
