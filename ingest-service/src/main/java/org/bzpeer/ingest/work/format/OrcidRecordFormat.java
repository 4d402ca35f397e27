package org.bzpeer.ingest.work.format;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.model.VersionIdentifier;
import org.bzpeer.kit.text.Names;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * One ORCID record ({@code orcid}) as the ORCID public API v2 and v3 serve it ({@code /v3.0/{orcid}/record}: the
 * person and the summary of their activities), turned into the works it lists, each a {@link SubmittedWork} with
 * source {@code orcid} whose one authorship is the record's owner. A body is one record, a JSON array of records or
 * JSON Lines of them; a record that lists no works (its {@code works.group} is null or empty) holds no work and is
 * accepted as such. Rejections name the field as a path in the ORCID record
 * ({@code activities-summary.works.group[2].work-summary[0].title.title.value}).
 *
 * <p>Mapping: the owner is {@code orcid-identifier.path} (or its {@code uri}), named by {@code person.name}'s
 * {@code credit-name}, else by its {@code given-names} and {@code family-name}; the owner's other names
 * ({@link SubmittedAuthorship#otherNames}) are their given and family names when a credit name is the name, and each
 * of {@code person.other-names.other-name[].content} (the first {@value #MAX_OTHER_NAMES}), in that order, each once
 * (by match key) and none the name itself. Each group of
 * {@code activities-summary.works.group} is one work (ORCID groups the summaries of one work that several sources
 * added): its title, type, date and journal come from the summary the owner prefers (the highest
 * {@code display-index}, the first on a tie), its identifiers from every summary of the group (the preferred one's
 * first, when two give one scheme different values). The {@code doi},
 * {@code arxiv}, {@code pmid} and {@code pmc} ids whose relationship is {@code self} (or none) are the work's own,
 * those whose relationship is {@code version-of} name another version of it, those {@code part-of} are not the
 * work's; other schemes (ISBN, ISSN, handles, URLs, Scopus and Web of Science ids) are not read, as they name a book
 * or a journal rather than the work, or are not shared by any other source. The type is mapped onto the
 * {@link WorkType} vocabulary; v2's upper-case names ({@code JOURNAL_ARTICLE}, {@code SELF}) are read too.
 *
 * <p>A work summary carries only its owner as author, so the works are <em>partial records</em>
 * ({@link SubmittedWork#bylinePartial}): the importer never lets one replace the byline of a work it already knows.
 * A malformed identifier or date rejects that work alone; a record whose owner is malformed, or whose owner's name is
 * not public while it lists works, is rejected whole.
 */
@Component
public class OrcidRecordFormat implements WorkFormat {

    /** The format name and the {@code source} of the works it produces. */
    public static final String NAME = "orcid";

    private static final Map<String, Function<String, String>> OWN_IDENTIFIERS = Map.of(
            "doi", Normalize::doi,
            "arxiv", Normalize::arxiv,
            "pmid", Normalize::pmid,
            "pmc", Normalize::pmcid);
    private static final Map<String, String> SCHEMES = Map.of("pmc", "pmcid");

    /** Other names of the owner read from one record; more are ignored. */
    static final int MAX_OTHER_NAMES = 50;

    private final RecordLimits limits;

    public OrcidRecordFormat(RecordLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The one work of a record that lists exactly one; rejects a record that lists none or several. */
    @Override
    public SubmittedWork parse(JsonNode record) {
        List<Supplier<SubmittedWork>> works = works(record);
        if (works.size() != 1) {
            throw new RejectedRecordException("activities-summary.works.group", "lists " + works.size()
                    + " works where one was expected");
        }
        return works.get(0).get();
    }

    @Override
    public List<Supplier<SubmittedWork>> works(JsonNode record) {
        JsonField root = JsonField.root(record, limits);
        List<JsonField> groups = root.get("activities-summary").objectOrAbsent().get("works").objectOrAbsent()
                .get("group").elements();
        if (groups.isEmpty()) {
            return List.of();
        }
        SubmittedAuthorship owner = owner(root);
        return groups.stream().<Supplier<SubmittedWork>>map(group -> () -> work(group, owner)).toList();
    }

    private SubmittedAuthorship owner(JsonField root) {
        JsonField identifier = root.get("orcid-identifier").objectOrAbsent();
        JsonField path = identifier.get("path").absent() ? identifier.get("uri") : identifier.get("path");
        String orcid = path.normalised(Normalize::orcid);
        if (orcid == null) {
            throw path.reject("is required: the record's owner is the author of its works");
        }
        JsonField person = root.get("person").objectOrAbsent();
        JsonField name = person.get("name").objectOrAbsent();
        String givenAndFamily = Stream.of(value(name.get("given-names")).text(), value(name.get("family-name")).text())
                .filter(Objects::nonNull).reduce((given, family) -> given + " " + family).orElse(null);
        String printed = value(name.get("credit-name")).text();
        if (printed == null) {
            printed = givenAndFamily;
        }
        if (printed == null) {
            throw name.reject("the owner's name is not public, and the record's works need their author named");
        }
        List<String> named = new ArrayList<>();
        named.add(givenAndFamily);
        person.get("other-names").objectOrAbsent().get("other-name").elements(MAX_OTHER_NAMES)
                .forEach(otherName -> named.add(otherName.get("content").text()));
        Set<String> keys = new HashSet<>(Set.of(Names.matchKey(printed)));
        List<String> otherNames = new ArrayList<>();
        for (String otherName : named) {
            if (otherName != null && keys.add(Names.matchKey(otherName))) {
                otherNames.add(otherName);
            }
        }
        return new SubmittedAuthorship(printed, Map.of("orcid", orcid), List.of(), false, otherNames);
    }

    private SubmittedWork work(JsonField group, SubmittedAuthorship owner) {
        List<JsonField> summaries = group.get("work-summary").elements();
        if (summaries.isEmpty()) {
            throw group.get("work-summary").reject("a group of works needs at least one work summary");
        }
        JsonField preferred = summaries.get(0);
        for (JsonField summary : summaries) {
            if (displayIndex(summary) > displayIndex(preferred)) {
                preferred = summary;
            }
        }
        Map<String, String> identifiers = new LinkedHashMap<>();
        Set<VersionIdentifier> versions = new LinkedHashSet<>();
        readIdentifiers(preferred, identifiers, versions);
        for (JsonField summary : summaries) {
            readIdentifiers(summary, identifiers, versions);
        }
        Normalize.addImpliedIdentifiers(identifiers);
        versions.removeIf(version -> version.value().equals(identifiers.get(version.scheme())));
        String title = value(preferred.get("title").objectOrAbsent().get("title")).text(limits.maxTitleLength());
        if (title == null && identifiers.isEmpty()) {
            throw preferred.get("title").reject("a work needs a title or at least one identifier");
        }
        JsonField published = preferred.get("publication-date").objectOrAbsent();
        Integer year = digits(published.get("year"));
        if (year != null && !limits.isPlausibleYear(year)) {
            throw value(published.get("year")).reject(limits.yearRule());
        }
        LocalDate date = date(year, digits(published.get("month")), digits(published.get("day")));
        String journal = value(preferred.get("journal-title")).text();
        return new SubmittedWork(
                NAME,
                identifiers,
                WorkType.fromOrcid(preferred.get("type").text()).code(),
                year,
                date == null ? null : date.toString(),
                journal == null ? null : new SubmittedVenue(journal, null, null, null),
                title,
                null,
                null,
                false,
                List.of(owner),
                List.of(),
                null,
                List.copyOf(versions));
    }

    /**
     * Adds the identifiers of {@code summary} of the schemes read here: the work's own to {@code identifiers} (a
     * scheme it has already keeps its value), those of its other versions to {@code versions}.
     */
    private static void readIdentifiers(JsonField summary, Map<String, String> identifiers,
            Set<VersionIdentifier> versions) {
        for (JsonField externalId : summary.get("external-ids").objectOrAbsent().get("external-id").elements()) {
            String type = String.valueOf(externalId.get("external-id-type").text()).toLowerCase(Locale.ROOT);
            Function<String, String> normaliser = OWN_IDENTIFIERS.get(type);
            if (normaliser == null) {
                continue;
            }
            String scheme = SCHEMES.getOrDefault(type, type);
            String value = externalId.get("external-id-value").normalised(normaliser);
            String relationship = String.valueOf(externalId.get("external-id-relationship").text())
                    .toLowerCase(Locale.ROOT).replace('_', '-');
            if (value == null || relationship.equals("part-of")) {
                continue;
            }
            if (relationship.equals("version-of")) {
                versions.add(new VersionIdentifier(scheme, value));
            } else {
                identifiers.putIfAbsent(scheme, value);
            }
        }
    }

    /** ORCID's {@code display-index}, a number in a string: the owner's preferred summary has the highest. */
    private static long displayIndex(JsonField summary) {
        JsonNode index = summary.get("display-index").node();
        if (index == null) {
            return 0;
        }
        try {
            return Long.parseLong(index.asString().strip());
        } catch (NumberFormatException e) {
            throw summary.get("display-index").reject("must be a whole number");
        }
    }

    /** The number in {@code {"value": "05"}}, or null when absent. */
    private static Integer digits(JsonField field) {
        JsonField value = value(field);
        String digits = value.text();
        if (digits != null && !digits.matches("\\d{1,4}")) {
            throw value.reject("must be a number of at most four digits");
        }
        return digits == null ? null : Integer.valueOf(digits);
    }

    /** The day when all its parts are known and make a day of the calendar; else null. */
    private static LocalDate date(Integer year, Integer month, Integer day) {
        if (year == null || month == null || day == null || month < 1 || month > 12 || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** ORCID's wrapper of a scalar, {@code {"value": ...}}. */
    private static JsonField value(JsonField wrapper) {
        return wrapper.objectOrAbsent().get("value");
    }
}
