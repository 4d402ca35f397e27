package org.bzpeer.ingest.work.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.model.VersionIdentifier;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * One Crossref work ({@code crossref}), as the Crossref REST API serves it: the response of {@code /works/{doi}}
 * ({@code {"status", "message-type": "work", "message": {...}}}) or the bare {@code message} object (one per line in
 * JSON Lines dumps); a {@code work-list} page ({@code {"message-type": "work-list", "message": {"items": [...]}}}) is
 * read item by item. Rejections name the field as a path in the record as sent ({@code message.author[2].ORCID}).
 *
 * <p>Mapping: identifier {@code DOI} (required); type from {@code type} and {@code subtype} onto {@link WorkType};
 * year and date from {@code issued}, else {@code published}, {@code published-print}, {@code published-online},
 * {@code posted} (the first with a year; a date only when it has a day); venue from {@code container-title} with the
 * first {@code ISSN}, or for posted content the repository in {@code institution}; title {@code title[0]} and
 * abstract from JATS markup to plain text ({@link JatsText}); authorships from {@code author} ({@code given family
 * suffix} as printed, or {@code name} for organisations; ORCID in any of its forms, http:// included; affiliations by
 * name, with their ROR id when given); topics from {@code subject}; retracted when {@code updated-by} lists a
 * retraction, withdrawal or removal.
 *
 * <p>Versions of the same work. Crossref {@code relation}s of the types in {@link #SAME_WORK_RELATIONS} name another
 * version of this very work: its preprint or the article it became ({@code has-preprint}, {@code is-preprint-of}),
 * a version ({@code has-version}, {@code is-version-of}), an identical copy ({@code is-identical-to}) or the same
 * content in another format ({@code has-manifestation}, {@code is-manifestation-of}). Their DOI or arXiv ids become
 * {@link SubmittedWork#versionIdentifiers}, so the importer joins the versions into one work. Every other relation
 * names a different work and is ignored: reviews and comments on it ({@code has-review}, {@code has-comment},
 * {@code has-reply}), its parts and supplements ({@code has-part}, {@code is-supplemented-by}), translations and
 * derivations (a translation has its own authors' and translators' text), corrections and replacements (a correction
 * notice is a work of its own).
 *
 * <p>What real Crossref data needs: partial records holding only {@code DOI} and {@code title} (type becomes
 * {@code other}); no {@code issued} year ({@code [[null]]}); no authors; authors with only a {@code name}
 * (organisations) and authors with no name at all (dropped); the same ORCID twice (the first authorship is kept).
 */
@Component
public class CrossrefWorkFormat implements WorkFormat {

    /** The format name and the {@code source} of the works it produces. */
    public static final String NAME = "crossref";

    /** The relation types that name another version of the same work; see the class comment. */
    static final Set<String> SAME_WORK_RELATIONS = Set.of("has-preprint", "is-preprint-of", "has-version",
            "is-version-of", "is-identical-to", "has-manifestation", "is-manifestation-of");

    private static final Map<String, Function<String, String>> RELATED_ID_TYPES = Map.of(
            "doi", Normalize::doi,
            "arxiv", Normalize::arxiv);
    private static final List<String> DATE_FIELDS =
            List.of("issued", "published", "published-print", "published-online", "posted");
    private static final Set<String> RETRACTIONS = Set.of("retraction", "withdrawal", "removal");

    private final RecordLimits limits;

    public CrossrefWorkFormat(RecordLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A {@code work-list} page holds its works in {@code message.items}. */
    @Override
    public List<List<String>> pageRecordArrays() {
        return List.of(List.of("message", "items"));
    }

    @Override
    public SubmittedWork parse(JsonNode record) {
        JsonField work = work(JsonField.root(record, limits));
        Map<String, String> identifiers = new LinkedHashMap<>();
        identifiers.put("doi", work.get("DOI").normalised(Normalize::doi));
        if (identifiers.get("doi") == null) {
            throw work.get("DOI").reject("is required: a Crossref work is known by its DOI");
        }
        Normalize.addImpliedIdentifiers(identifiers);
        WorkType type = WorkType.fromCrossref(work.get("type").text(), work.get("subtype").text());
        PublicationDate published = publicationDate(work);
        JsonField authors = work.get("author");
        int listed = authors.size();
        return new SubmittedWork(NAME, identifiers, type.code(), published.year(), published.date(),
                venue(work, type), title(work.get("title")), abstractText(work.get("abstract")),
                language(work.get("language")), retracted(work.get("updated-by")), authorships(authors),
                topics(work.get("subject")), listed > limits.maxAuthorships() ? listed : null,
                versionIdentifiers(work.get("relation"), identifiers));
    }

    /** The work object: the {@code message} of an API response, or the record itself when it is a bare message. */
    private static JsonField work(JsonField root) {
        JsonField messageType = root.get("message-type");
        if (messageType.absent()) {
            return root;
        }
        String kind = messageType.requiredText();
        if (!kind.equals("work")) {
            throw messageType.reject("is '" + kind + "'; a record must be a work (a work-list page is read item by "
                    + "item only when it is the whole body)");
        }
        JsonField message = root.get("message");
        if (!message.isObject()) {
            throw message.reject("is required: the work of a message-type 'work' response");
        }
        return message;
    }

    /** A year (and a date when the day is known) from the first of {@link #DATE_FIELDS} that holds a year. */
    private PublicationDate publicationDate(JsonField work) {
        for (String name : DATE_FIELDS) {
            JsonField first = work.get(name).objectOrAbsent().get("date-parts").elements(1).stream()
                    .findFirst().orElse(null);
            if (first == null) {
                continue;
            }
            List<JsonField> parts = first.elements(3);
            Integer year = parts.isEmpty() ? null : parts.get(0).year();
            if (year == null) {
                continue;
            }
            if (parts.size() < 3 || parts.get(1).absent() || parts.get(2).absent()) {
                return new PublicationDate(year, null);
            }
            try {
                LocalDate date = LocalDate.of(year, dayPart(parts.get(1)), dayPart(parts.get(2)));
                return new PublicationDate(year, date.toString());
            } catch (DateTimeException e) {
                throw first.reject("is not a calendar date: " + e.getMessage());
            }
        }
        return new PublicationDate(null, null);
    }

    private static int dayPart(JsonField part) {
        JsonNode node = part.node();
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw part.reject("must be an integer");
        }
        return node.intValue();
    }

    private record PublicationDate(Integer year, String date) {
    }

    private String title(JsonField titles) {
        List<JsonField> first = titles.elements(1);
        return first.isEmpty() ? null : Normalize.text(JatsText.plainText(first.get(0).text(limits.maxTitleLength())));
    }

    private String abstractText(JsonField jats) {
        return Normalize.abstractText(JatsText.plainText(jats.longText()));
    }

    /** A language code: Crossref writes ISO 639-1 codes, sometimes with a region ({@code en-US}), kept as the code. */
    private static String language(JsonField language) {
        return language.normalised(raw -> Normalize.language(raw.strip().split("[-_]", 2)[0]));
    }

    /**
     * The venue: {@code container-title[0]} with the first {@code ISSN}; for posted content without one, the
     * repository that posted it ({@code institution[0].name}, e.g. bioRxiv).
     */
    private SubmittedVenue venue(JsonField work, WorkType type) {
        List<JsonField> containers = work.get("container-title").elements(1);
        String name = containers.isEmpty() ? null : Normalize.text(JatsText.plainText(containers.get(0).text()));
        if (name == null && "posted-content".equals(work.get("type").text())) {
            List<JsonField> repositories = work.get("institution").elements(1);
            String repository = repositories.isEmpty() ? null
                    : repositories.get(0).objectOrAbsent().get("name").text();
            return repository == null ? null : new SubmittedVenue(repository, null, "repository", null);
        }
        if (name == null) {
            return null;
        }
        List<JsonField> issns = work.get("ISSN").elements(1);
        String issn = issns.isEmpty() ? null : issns.get(0).normalised(Normalize::issnShape);
        String venueType = switch (type) {
            case ARTICLE, REVIEW, EDITORIAL, LETTER, ERRATUM -> "journal";
            case PROCEEDINGS_ARTICLE -> "conference";
            case BOOK_CHAPTER -> "book";
            default -> null;
        };
        return new SubmittedVenue(name, null, venueType, issn);
    }

    private static boolean retracted(JsonField updatedBy) {
        for (JsonField update : updatedBy.elements()) {
            String kind = update.objectOrAbsent().get("type").text();
            if (kind != null && RETRACTIONS.contains(kind)) {
                return true;
            }
        }
        return false;
    }

    private List<SubmittedAuthorship> authorships(JsonField authors) {
        Bylines byline = new Bylines();
        for (JsonField author : authors.elements(limits.maxAuthorships())) {
            if (!author.isObject()) {
                throw author.reject("must be an object");
            }
            String name = printedName(author);
            if (name == null) {
                continue;
            }
            JsonField orcidField = author.get("ORCID");
            String orcid = orcidField.normalised(Normalize::orcid);
            List<SubmittedInstitution> institutions = new ArrayList<>();
            for (JsonField affiliation : author.get("affiliation").elements()) {
                SubmittedInstitution institution = institution(affiliation);
                if (institution != null) {
                    institutions.add(institution);
                }
            }
            byline.add(new SubmittedAuthorship(name, orcid == null ? Map.of() : Map.of("orcid", orcid),
                    institutions, false));
        }
        return byline.authorships();
    }

    /** {@code given family suffix} as printed, or {@code name} (organisations); null when there is no name. */
    private static String printedName(JsonField author) {
        String family = author.get("family").text();
        if (family == null) {
            return author.get("name").text();
        }
        StringBuilder name = new StringBuilder();
        String given = author.get("given").text();
        if (given != null) {
            name.append(given).append(' ');
        }
        name.append(family);
        String suffix = author.get("suffix").text();
        if (suffix != null) {
            name.append(' ').append(suffix);
        }
        return name.toString();
    }

    private static SubmittedInstitution institution(JsonField affiliation) {
        if (!affiliation.isObject()) {
            throw affiliation.reject("must be an object");
        }
        String name = affiliation.get("name").text();
        if (name == null) {
            return null;
        }
        String ror = null;
        for (JsonField id : affiliation.get("id").elements()) {
            String idType = id.objectOrAbsent().get("id-type").text();
            if ("ROR".equalsIgnoreCase(idType)) {
                ror = id.get("id").normalised(Normalize::ror);
            }
        }
        return new SubmittedInstitution(null, name, ror, null);
    }

    private static List<SubmittedTopic> topics(JsonField subjects) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonField subject : subjects.elements()) {
            String name = subject.text();
            if (name != null) {
                names.add(name);
            }
        }
        return names.stream().map(name -> new SubmittedTopic(null, name, null)).toList();
    }

    /**
     * The DOIs and arXiv ids of the relations that name another version of this work ({@link #SAME_WORK_RELATIONS}),
     * with the identifiers they imply, less this work's own.
     */
    private static List<VersionIdentifier> versionIdentifiers(JsonField relations, Map<String, String> own) {
        Set<VersionIdentifier> out = new LinkedHashSet<>();
        for (Map.Entry<String, JsonField> relation : relations.properties().entrySet()) {
            if (!SAME_WORK_RELATIONS.contains(relation.getKey())) {
                continue;
            }
            for (JsonField related : relation.getValue().elements()) {
                String idType = related.objectOrAbsent().get("id-type").text();
                Function<String, String> normaliser = idType == null ? null : RELATED_ID_TYPES.get(idType);
                if (normaliser == null) {
                    continue;
                }
                Map<String, String> ids = new LinkedHashMap<>();
                ids.put(idType, related.get("id").normalised(normaliser));
                if (ids.get(idType) == null) {
                    throw related.get("id").reject("is required for a relation of id-type " + idType);
                }
                Normalize.addImpliedIdentifiers(ids);
                ids.forEach((scheme, value) -> {
                    if (!value.equals(own.get(scheme))) {
                        out.add(new VersionIdentifier(scheme, value));
                    }
                });
            }
        }
        return List.copyOf(out);
    }
}
