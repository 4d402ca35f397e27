package org.bzpeer.ingest.work.format;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * BZPEER's own work format ({@code bzpeer}), one JSON object per record:
 *
 * <pre>{@code
 * {"identifiers": {"doi": "10.48550/arxiv.2301.00001", "arxiv": "2301.00001", "<scheme>": "value"},
 *  "type": "preprint", "publicationYear": 2026, "publicationDate": "2026-01-15",
 *  "venue": {"name": "arXiv", "type": "repository", "id": null, "issn": null},
 *  "title": "...", "abstract": "...", "language": "en", "retracted": false,
 *  "authorships": [{"name": "Carole-Jean Wu", "ids": {"orcid": "...", "openalex": "A...", "<scheme>": "..."},
 *                   "institutions": [{"name": "...", "id": "openalex:I...", "ror": "...", "countryCode": "SA"}],
 *                   "corresponding": false}],
 *  "topics": [{"name": "Recommender systems", "id": null, "score": 0.9}]}
 * }</pre>
 *
 * <p>The format is strict, because pipelines write it for us: {@code type} (one of the {@link WorkType} codes),
 * {@code title} and at least one authorship with a non-blank {@code name} are required; schemes are
 * {@code [a-z][a-z0-9-]{1,31}}; known schemes are validated and normalised ({@code doi}, {@code arxiv},
 * {@code openalex}, {@code pmid}, {@code pmcid}, {@code mag} for works, an arXiv DataCite DOI implying the arXiv id;
 * {@code orcid}, {@code openalex} for authors), other schemes' values are only cleaned; two authorships may not carry
 * the same author id; a {@code publicationDate} must agree with {@code publicationYear} and supplies it when absent;
 * strings and years are held to the {@link RecordLimits}, and authorships beyond the cap are not read (the work is
 * flagged as truncated); {@code null} means absent; a value of the wrong JSON type is rejected, never coerced;
 * unknown properties are ignored. Every rejection names the field as a path relative to the record
 * ({@code authorships[2].ids.orcid}; the record itself is {@code $}). The JSON Schema
 * {@code /api/v1/works/schema.json} (resource {@code static/api/v1/works/schema.json}) documents the same rules.
 */
@Component
public class BzpeerWorkFormat implements WorkFormat {

    /** The format name and the {@code source} of the works it produces. */
    public static final String NAME = "bzpeer";

    private static final Map<String, Function<String, String>> WORK_SCHEMES = Map.of(
            "doi", Normalize::doi,
            "arxiv", Normalize::arxiv,
            "openalex", raw -> Normalize.openAlex(raw, "W"),
            "pmid", Normalize::pmid,
            "pmcid", Normalize::pmcid,
            "mag", Normalize::mag);

    private static final Map<String, Function<String, String>> AUTHOR_SCHEMES = Map.of(
            "orcid", Normalize::orcid,
            "openalex", raw -> Normalize.openAlex(raw, "A"));

    private final RecordLimits limits;

    public BzpeerWorkFormat(RecordLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SubmittedWork parse(JsonNode record) {
        JsonField root = JsonField.root(record, limits);
        Map<String, String> identifiers = identifiers(root.get("identifiers"), WORK_SCHEMES);
        Normalize.addImpliedIdentifiers(identifiers);
        String type = type(root.get("type"));
        Integer year = root.get("publicationYear").year();
        JsonField dateField = root.get("publicationDate");
        LocalDate date = dateField.date();
        if (date != null && year != null && date.getYear() != year) {
            throw dateField.reject("year " + date.getYear() + " does not match publicationYear " + year);
        }
        if (date != null && year == null) {
            year = date.getYear();
        }
        SubmittedVenue venue = venue(root.get("venue"));
        String title = root.get("title").requiredText(limits.maxTitleLength());
        String abstractText = root.get("abstract").longText();
        String language = root.get("language").normalised(Normalize::language);
        boolean retracted = root.get("retracted").bool(false);
        JsonField authorshipsField = root.get("authorships");
        List<SubmittedAuthorship> authorships = authorships(authorshipsField);
        List<SubmittedTopic> topics = topics(root.get("topics"));
        int listed = authorshipsField.size();
        return new SubmittedWork(NAME, identifiers, type, year, date == null ? null : date.toString(), venue, title,
                abstractText, language, retracted, authorships, topics,
                listed > limits.maxAuthorships() ? listed : null);
    }

    private static String type(JsonField typeField) {
        String type = typeField.requiredText();
        return WorkType.ofCode(type).map(WorkType::code)
                .orElseThrow(() -> typeField.reject("'" + type + "' is not a work type; the types are "
                        + WorkType.codes()));
    }

    private static Map<String, String> identifiers(JsonField ids, Map<String, Function<String, String>> known) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonField> entry : ids.properties().entrySet()) {
            String scheme = entry.getKey();
            JsonField value = entry.getValue();
            if (!Normalize.isScheme(scheme)) {
                throw value.reject("invalid identifier scheme '" + scheme + "': a scheme is 2 to 32 lower-case "
                        + "letters, digits or hyphens, starting with a letter");
            }
            String normalised = value.normalised(known.getOrDefault(scheme, Normalize::identifier));
            if (normalised != null) {
                out.put(scheme, normalised);
            }
        }
        return out;
    }

    private static SubmittedVenue venue(JsonField venue) {
        if (!venue.isObject()) {
            return null;
        }
        return new SubmittedVenue(
                venue.get("name").requiredText(),
                venue.get("id").normalised(raw -> Normalize.prefixedId(raw, "S")),
                venue.get("type").text(),
                venue.get("issn").normalised(Normalize::issn));
    }

    private List<SubmittedAuthorship> authorships(JsonField authorships) {
        List<JsonField> elements = authorships.elements(limits.maxAuthorships());
        if (elements.isEmpty()) {
            throw authorships.reject("is required and must list at least one author");
        }
        List<SubmittedAuthorship> out = new ArrayList<>(elements.size());
        Map<String, String> firstPathOfId = new HashMap<>();
        for (JsonField authorship : elements) {
            if (!authorship.isObject()) {
                throw authorship.reject("must be an object");
            }
            String name = authorship.get("name").requiredText();
            JsonField idsField = authorship.get("ids");
            Map<String, String> ids = identifiers(idsField, AUTHOR_SCHEMES);
            for (Map.Entry<String, String> id : ids.entrySet()) {
                String idPath = idsField.get(id.getKey()).path();
                String earlier = firstPathOfId.putIfAbsent(id.getKey() + ":" + id.getValue(), idPath);
                if (earlier != null) {
                    throw idsField.get(id.getKey()).reject("the same author id is already at " + earlier);
                }
            }
            List<SubmittedInstitution> institutions = new ArrayList<>();
            for (JsonField institution : authorship.get("institutions").elements()) {
                institutions.add(institution(institution));
            }
            out.add(new SubmittedAuthorship(name, ids, institutions, authorship.get("corresponding").bool(false)));
        }
        return out;
    }

    private static SubmittedInstitution institution(JsonField institution) {
        if (!institution.isObject()) {
            throw institution.reject("must be an object");
        }
        return new SubmittedInstitution(
                institution.get("id").normalised(raw -> Normalize.prefixedId(raw, "I")),
                institution.get("name").requiredText(),
                institution.get("ror").normalised(Normalize::ror),
                institution.get("countryCode").normalised(Normalize::countryCode));
    }

    private static List<SubmittedTopic> topics(JsonField topics) {
        List<SubmittedTopic> out = new ArrayList<>();
        for (JsonField topic : topics.elements()) {
            if (!topic.isObject()) {
                throw topic.reject("must be an object");
            }
            out.add(new SubmittedTopic(
                    topic.get("id").normalised(raw -> Normalize.prefixedId(raw, "TC")),
                    topic.get("name").requiredText(),
                    topic.get("score").score()));
        }
        return out;
    }
}
