package org.bzpeer.ingest.work.format;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * One OpenAlex Work object ({@code openalex}), as the OpenAlex API and snapshot serve it, turned into a
 * {@link SubmittedWork} with source {@code openalex}. Rejections name the field as a path in the OpenAlex record
 * ({@code authorships[3].author.orcid}).
 *
 * <p>Mapping: identifiers from {@code ids} ({@code openalex}, {@code doi}, {@code pmid}, {@code pmcid}, {@code mag}),
 * except that the top-level {@code doi} wins over {@code ids.doi} (in real records they can differ: the top-level one
 * is the publisher's DOI, {@code ids.doi} sometimes a repository copy's) and the top-level {@code id} stands in for a
 * missing {@code ids.openalex}; venue from {@code primary_location.source}; title from {@code title}, else
 * {@code display_name}; abstract rebuilt from {@code abstract_inverted_index}; topics from {@code topics}, or from
 * {@code concepts} when a work has no topics; the type mapped onto the {@link WorkType} vocabulary. A body may be an
 * API list page ({@code {"meta", "results"}}), a JSON array or JSON Lines of works (the snapshot's layout).
 *
 * <p>What real OpenAlex data needs, and what this format does about it:
 * <ul>
 *   <li>a title may be null: the work is kept with a null title as long as it has an identifier;</li>
 *   <li>the same author id may appear twice in one work's authorships: the first keeps its place, later duplicates
 *       are dropped, as in every format ({@link Bylines});</li>
 *   <li>an authorship without an author id is kept with its name (and ORCID, if any) only;</li>
 *   <li>an empty {@code author.display_name} falls back to {@code raw_author_name}; when both are empty the
 *       authorship is dropped (there is nobody to name) rather than rejecting the whole work;</li>
 *   <li>an institution or topic without a display name is dropped (OpenAlex emits all-null institution
 *       placeholders);</li>
 *   <li>names are cleaned of invisible marks and soft hyphens (OpenAlex has names ending in a run of U+202C) and keep
 *       their printed dashes; organisations as authors are ordinary names;</li>
 *   <li>a linking ISSN is checked for its shape only: OpenAlex keys Pure and Applied Geophysics by an ISSN-L with
 *       a wrong check digit (0033-4533), and it is still that source's key;</li>
 *   <li>OpenAlex truncates author lists at 100 authorships; the list is taken as given.</li>
 * </ul>
 * A malformed identifier (DOI, ORCID, OpenAlex id...), a value of the wrong JSON type or one beyond the
 * {@link RecordLimits} rejects the work; authorships beyond the cap are not read and the work is flagged as truncated.
 */
@Component
public class OpenAlexWorkFormat implements WorkFormat {

    /** The format name and the {@code source} of the works it produces. */
    public static final String NAME = "openalex";

    private final RecordLimits limits;

    public OpenAlexWorkFormat(RecordLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * An API list page ({@code {"meta": ..., "results": [works]}}) holds its works in {@code results}; an author's
     * works file as OpenAlex-based pipelines write it ({@code {"details": author, "works": [works]}}) in
     * {@code works}.
     */
    @Override
    public List<List<String>> pageRecordArrays() {
        return List.of(List.of("results"), List.of("works"));
    }

    @Override
    public SubmittedWork parse(JsonNode record) {
        JsonField root = JsonField.root(record, limits);
        Map<String, String> identifiers = identifiers(root);
        String type = WorkType.fromOpenAlex(root.get("type").text(), root.get("type_crossref").text()).code();
        Integer year = root.get("publication_year").year();
        LocalDate date = root.get("publication_date").date();
        if (year == null && date != null) {
            year = date.getYear();
        }
        String title = root.get("title").text(limits.maxTitleLength());
        if (title == null) {
            title = root.get("display_name").text(limits.maxTitleLength());
        }
        if (title == null && identifiers.isEmpty()) {
            throw root.get("title").reject("a work needs a title or at least one identifier");
        }
        JsonField authorships = root.get("authorships");
        int listed = authorships.size();
        return new SubmittedWork(
                NAME,
                identifiers,
                type,
                year,
                date == null ? null : date.toString(),
                venue(root.get("primary_location")),
                title,
                abstractText(root.get("abstract_inverted_index")),
                root.get("language").normalised(Normalize::language),
                root.get("is_retracted").bool(false),
                authorships(authorships),
                topics(root),
                listed > limits.maxAuthorships() ? listed : null);
    }

    private static Map<String, String> identifiers(JsonField root) {
        JsonField ids = root.get("ids").objectOrAbsent();
        Map<String, String> out = new LinkedHashMap<>();
        JsonField openalex = ids.get("openalex").absent() ? root.get("id") : ids.get("openalex");
        putIfPresent(out, "openalex", openalex.normalised(raw -> Normalize.openAlex(raw, "W")));
        JsonField doi = root.get("doi").absent() ? ids.get("doi") : root.get("doi");
        putIfPresent(out, "doi", doi.normalised(Normalize::doi));
        putIfPresent(out, "pmid", ids.get("pmid").normalised(Normalize::pmid));
        putIfPresent(out, "pmcid", ids.get("pmcid").normalised(Normalize::pmcid));
        JsonField mag = ids.get("mag");
        putIfPresent(out, "mag", mag.node() != null && mag.node().isIntegralNumber()
                ? mag.node().asString()
                : mag.normalised(Normalize::mag));
        Normalize.addImpliedIdentifiers(out);
        return out;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static SubmittedVenue venue(JsonField primaryLocation) {
        if (!primaryLocation.isObject()) {
            return null;
        }
        JsonField source = primaryLocation.get("source");
        if (!source.isObject()) {
            return null;
        }
        String name = source.get("display_name").text();
        if (name == null) {
            name = primaryLocation.get("raw_source_name").text();
        }
        if (name == null) {
            return null;
        }
        String id = source.get("id").normalised(raw -> "openalex:" + Normalize.openAlex(raw, "S"));
        return new SubmittedVenue(name, id, source.get("type").text(),
                source.get("issn_l").normalised(Normalize::issnShape));
    }

    /**
     * The abstract as plain text: each word at its positions, words in the order of positions joined by one space.
     * OpenAlex leaves out some tokens (symbols, formulas), so positions may skip numbers: the gap is closed, as there
     * is nothing to put in it; a null position list or position is skipped; of two words given one position the first
     * in the index keeps it; a leading "Abstract" label is dropped
     * ({@link Normalize#abstractText}). Null when OpenAlex has no abstract (a null or empty index).
     */
    private String abstractText(JsonField invertedIndex) {
        Map<Integer, String> words = new TreeMap<>();
        for (Map.Entry<String, JsonField> word : invertedIndex.properties().entrySet()) {
            for (JsonField position : word.getValue().elements()) {
                JsonNode node = position.node();
                if (node == null) {
                    continue;
                }
                if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
                    throw position.reject("must be a word position (a non-negative integer)");
                }
                words.putIfAbsent(node.intValue(), word.getKey());
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        String text = String.join(" ", words.values());
        if (text.length() > limits.maxAbstractLength()) {
            throw invertedIndex.reject("the abstract is " + text.length() + " characters long; at most "
                    + limits.maxAbstractLength() + " are accepted");
        }
        return Normalize.abstractText(text);
    }

    private List<SubmittedAuthorship> authorships(JsonField authorships) {
        Bylines byline = new Bylines();
        for (JsonField authorship : authorships.elements(limits.maxAuthorships())) {
            if (!authorship.isObject()) {
                throw authorship.reject("must be an object");
            }
            JsonField author = authorship.get("author").objectOrAbsent();
            String openAlexId = author.get("id").normalised(raw -> Normalize.openAlex(raw, "A"));
            String orcid = author.get("orcid").normalised(Normalize::orcid);
            String name = author.get("display_name").text();
            if (name == null) {
                name = authorship.get("raw_author_name").text();
            }
            if (name == null) {
                continue;
            }
            Map<String, String> ids = new LinkedHashMap<>();
            putIfPresent(ids, "openalex", openAlexId);
            putIfPresent(ids, "orcid", orcid);
            List<SubmittedInstitution> institutions = new ArrayList<>();
            for (JsonField institution : authorship.get("institutions").elements()) {
                SubmittedInstitution parsed = institution(institution);
                if (parsed != null) {
                    institutions.add(parsed);
                }
            }
            byline.add(new SubmittedAuthorship(name, ids, institutions,
                    authorship.get("is_corresponding").bool(false)));
        }
        return byline.authorships();
    }

    private static SubmittedInstitution institution(JsonField institution) {
        if (!institution.isObject()) {
            throw institution.reject("must be an object");
        }
        String name = institution.get("display_name").text();
        String id = institution.get("id").normalised(raw -> "openalex:" + Normalize.openAlex(raw, "I"));
        String ror = institution.get("ror").normalised(Normalize::ror);
        String countryCode = institution.get("country_code").normalised(Normalize::countryCode);
        return name == null ? null : new SubmittedInstitution(id, name, ror, countryCode);
    }

    private static List<SubmittedTopic> topics(JsonField root) {
        List<JsonField> topics = root.get("topics").elements();
        if (topics.isEmpty()) {
            topics = root.get("concepts").elements();
        }
        List<SubmittedTopic> out = new ArrayList<>(topics.size());
        for (JsonField topic : topics) {
            if (!topic.isObject()) {
                throw topic.reject("must be an object");
            }
            String name = topic.get("display_name").text();
            if (name != null) {
                out.add(new SubmittedTopic(
                        topic.get("id").normalised(raw -> "openalex:" + Normalize.openAlex(raw, "TC")),
                        name,
                        topic.get("score").score()));
            }
        }
        return out;
    }
}
