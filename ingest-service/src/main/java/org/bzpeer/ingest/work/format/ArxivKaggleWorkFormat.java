package org.bzpeer.ingest.work.format;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.model.VersionIdentifier;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * One record of the arXiv metadata snapshot in its Kaggle layout ({@code arxiv-kaggle}, JSON Lines): {@code id},
 * {@code title}, {@code abstract}, {@code authors} (the TeX byline) and {@code authors_parsed} ({@code [keyname,
 * forenames, suffix, affiliation...]} with TeX accents already decoded), {@code categories} (space-separated),
 * {@code versions} ({@code [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}]}) and {@code doi}.
 *
 * <p>Mapping: a {@code preprint} in the repository arXiv, known by its arXiv id; the DOIs in {@code doi}
 * (space-separated, one per published version) are identifiers of other versions of the same work
 * ({@link SubmittedWork#versionIdentifiers}), so the preprint and the article meet; the date is the day version 1 was
 * submitted; topics are the categories with their names from {@link ArxivCategories}; authorships from
 * {@code authors_parsed} as {@code forenames keyname suffix}, affiliations as institutions by name (footnote marks
 * such as "1 and 2", which the snapshot's parser takes for affiliations, are not). A collaboration stands in the
 * keyname with no forenames ("The BABAR Collaboration") and is kept as a name; a name listed twice in one record is
 * one authorship ({@link Bylines}); the snapshot's parser writes "C.-P." as {@code C. -P.}, which is joined back.
 */
@Component
public class ArxivKaggleWorkFormat implements WorkFormat {

    /** The format name; its works have source {@value #SOURCE}. */
    public static final String NAME = "arxiv-kaggle";
    /** The {@code source} of the works it produces. */
    public static final String SOURCE = "arxiv";

    private static final SubmittedVenue ARXIV = new SubmittedVenue("arXiv", null, "repository", null);
    /** Footnote marks the snapshot's parser takes for an affiliation: "1", "1 and 2", "2, 3". */
    private static final Pattern FOOTNOTE_MARKS = Pattern.compile("[\\d\\s,;]*(?:and[\\d\\s,;]+)*");
    private static final Pattern SPLIT_INITIALS = Pattern.compile("(\\p{L}\\.) -(\\p{L})");
    /** A line break that starts a paragraph: arXiv abstracts are wrapped, and a new paragraph is indented. */

    private final RecordLimits limits;

    public ArxivKaggleWorkFormat(RecordLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SubmittedWork parse(JsonNode record) {
        JsonField root = JsonField.root(record, limits);
        Map<String, String> identifiers = new LinkedHashMap<>();
        String arxivId = root.get("id").normalised(Normalize::arxiv);
        if (arxivId == null) {
            throw root.get("id").reject("is required: an arXiv record is known by its arXiv id");
        }
        identifiers.put("arxiv", arxivId);
        LocalDate submitted = firstVersionDate(root.get("versions"));
        JsonField authors = root.get("authors_parsed");
        int listed = authors.size();
        return new SubmittedWork(SOURCE, identifiers, WorkType.PREPRINT.code(),
                submitted == null ? null : submitted.getYear(), submitted == null ? null : submitted.toString(),
                ARXIV, root.get("title").text(limits.maxTitleLength()), abstractText(root.get("abstract")), null,
                false, authorships(authors), topics(root.get("categories")),
                listed > limits.maxAuthorships() ? listed : null, publishedVersions(root.get("doi")));
    }

    private LocalDate firstVersionDate(JsonField versions) {
        for (JsonField version : versions.elements()) {
            if ("v1".equals(version.objectOrAbsent().get("version").text())) {
                JsonField created = version.get("created");
                LocalDate date = created.normalised(Normalize::rfc1123Date);
                if (date != null && !limits.isPlausibleYear(date.getYear())) {
                    throw created.reject(limits.yearRule());
                }
                return date;
            }
        }
        return null;
    }

    /** The abstract with arXiv's hard line wraps undone and its paragraphs (indented lines) kept apart. */
    private static String abstractText(JsonField field) {
        return Normalize.arxivAbstract(field.uncleanedText());
    }

    private List<SubmittedAuthorship> authorships(JsonField authorsParsed) {
        Bylines byline = new Bylines();
        for (JsonField author : authorsParsed.elements(limits.maxAuthorships())) {
            List<JsonField> parts = author.elements();
            String keyname = parts.isEmpty() ? null : parts.get(0).text();
            if (keyname == null) {
                continue;
            }
            String forenames = parts.size() > 1 ? parts.get(1).text() : null;
            String suffix = parts.size() > 2 ? parts.get(2).text() : null;
            StringBuilder name = new StringBuilder();
            if (forenames != null) {
                name.append(SPLIT_INITIALS.matcher(forenames).replaceAll("$1-$2")).append(' ');
            }
            name.append(keyname);
            if (suffix != null) {
                name.append(' ').append(suffix);
            }
            List<SubmittedInstitution> institutions = new ArrayList<>();
            for (JsonField affiliation : parts.subList(Math.min(3, parts.size()), parts.size())) {
                String institution = affiliation.text();
                if (institution != null && !FOOTNOTE_MARKS.matcher(institution).matches()) {
                    institutions.add(new SubmittedInstitution(null, institution, null, null));
                }
            }
            byline.add(new SubmittedAuthorship(name.toString(), Map.of(), institutions, false));
        }
        return byline.authorships();
    }

    private static List<SubmittedTopic> topics(JsonField categories) {
        String codes = categories.text();
        if (codes == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>(List.of(codes.split(" ")));
        return distinct.stream().map(ArxivCategories::topic).toList();
    }

    private static List<VersionIdentifier> publishedVersions(JsonField doiField) {
        String dois = doiField.text();
        if (dois == null) {
            return List.of();
        }
        List<VersionIdentifier> out = new ArrayList<>();
        for (String doi : dois.split(" ")) {
            try {
                out.add(new VersionIdentifier("doi", Normalize.doi(doi)));
            } catch (IllegalArgumentException e) {
                throw doiField.reject("'" + doi + "' " + e.getMessage());
            }
        }
        return out;
    }
}
