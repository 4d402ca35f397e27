package org.bzpeer.ingest.work.format;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.kit.text.Names;

/**
 * One arXiv paper as any arXiv layout (the API's Atom entries, OAI-PMH {@code arXiv} and {@code arXivRaw} records)
 * describes it, mapped to a work the same way whatever the layout: source {@value #SOURCE}, type {@value #TYPE};
 * identifiers {@code arxiv} (without version) and, when the paper names the DOI of its published version, {@code doi},
 * so that both records are one work; the journal reference, a free-text citation, as the venue's name (a hint: it is
 * not resolved to a journal here), else the venue arXiv itself; the date of the first version; title and names with
 * their TeX decoded ({@link TexText}); the abstract unwrapped (arXiv wraps lines at 80 columns and indents new
 * paragraphs); categories, primary first, as topics ({@link ArxivCategories}).
 *
 * <p>An author named twice in one paper (the same {@link Names#matchKey match key}) is a data error (arXiv has no
 * way to list one person twice): the first position is kept, later ones are dropped. Name variants ("H. Vincent Poor",
 * "H. V. Poor") stay distinct authorships; deciding they are one person happens elsewhere.
 */
final class ArxivPaper {

    /** The source of every arXiv work. */
    static final String SOURCE = "arxiv";
    /** The type of every arXiv work. */
    static final String TYPE = "preprint";

    private static final SubmittedVenue ARXIV = new SubmittedVenue("arXiv", null, "repository", null);

    private final RecordLimits limits;
    private final Map<String, String> identifiers = new LinkedHashMap<>();
    private final List<SubmittedAuthorship> authorships = new ArrayList<>();
    private final Set<String> authorKeys = new HashSet<>();
    private final Set<String> categories = new LinkedHashSet<>();
    private int listedAuthors;
    private LocalDate date;
    private String title;
    private String abstractText;
    private String journalRef;

    ArxivPaper(RecordLimits limits) {
        this.limits = limits;
    }

    /** The arXiv id, with or without version, bare or as an arxiv.org URL; required. */
    ArxivPaper id(XmlElement id) {
        if (id == null) {
            throw new RejectedRecordException("id", "is required");
        }
        identifiers.put("arxiv", id.normalised(Normalize::arxiv));
        return this;
    }

    /** The DOI(s) of the published version: arXiv allows several, space-separated; the first is the work's. */
    ArxivPaper doi(XmlElement doi) {
        String first = doi == null ? null : Normalize.text(doi.text());
        if (first != null) {
            String value = first.split(" ")[0];
            identifiers.put("doi", doi.normalised(raw -> Normalize.doi(value)));
        }
        return this;
    }

    ArxivPaper journalRef(String text) {
        journalRef = text;
        return this;
    }

    /** The date of the first version; rejected naming {@code field} when its year is implausible. */
    ArxivPaper date(LocalDate firstVersion, String field) {
        if (firstVersion != null && !limits.isPlausibleYear(firstVersion.getYear())) {
            throw new RejectedRecordException(field, "has year " + firstVersion.getYear() + "; the year "
                    + limits.yearRule());
        }
        date = firstVersion;
        return this;
    }

    ArxivPaper title(XmlElement element) {
        title = element == null ? null : Normalize.text(TexText.decode(element.text()));
        if (title == null) {
            throw new RejectedRecordException(element == null ? "title" : element.path(), "is required");
        }
        if (title.length() > limits.maxTitleLength()) {
            throw element.reject("is " + title.length() + " characters long; at most " + limits.maxTitleLength()
                    + " are accepted");
        }
        return this;
    }

    ArxivPaper abstractText(XmlElement element) {
        if (element != null) {
            abstractText = Normalize.arxivAbstract(element.text());
        }
        return this;
    }

    /** Space-separated category codes; the first one is the primary category. */
    ArxivPaper categories(String spaceSeparated) {
        if (spaceSeparated != null) {
            for (String code : spaceSeparated.split(" ")) {
                if (!code.isBlank()) {
                    categories.add(code);
                }
            }
        }
        return this;
    }

    /**
     * The next author in byline order, its name as printed in TeX, with its affiliations. Nameless authors and
     * repeats of an earlier name are skipped; authors past {@link RecordLimits#maxAuthorships} are counted only.
     */
    ArxivPaper author(String texName, List<String> affiliations, XmlElement field) {
        String name = Normalize.name(TexText.decode(texName));
        if (name == null || !authorKeys.add(Names.matchKey(name))) {
            return this;
        }
        if (name.length() > limits.maxNameLength()) {
            throw field.reject("is " + name.length() + " characters long; at most " + limits.maxNameLength()
                    + " are accepted");
        }
        if (++listedAuthors > limits.maxAuthorships()) {
            return this;
        }
        List<SubmittedInstitution> institutions = new ArrayList<>();
        for (String affiliation : affiliations) {
            String institution = Normalize.text(TexText.decode(affiliation));
            if (institution != null) {
                institutions.add(new SubmittedInstitution(null, institution, null, null));
            }
        }
        authorships.add(new SubmittedAuthorship(name, Map.of(), institutions, false));
        return this;
    }

    SubmittedWork work() {
        List<SubmittedTopic> topics = categories.stream().map(ArxivCategories::topic).toList();
        SubmittedVenue venue = journalRef == null ? ARXIV : new SubmittedVenue(journalRef, null, null, null);
        return new SubmittedWork(SOURCE, identifiers, TYPE, date == null ? null : date.getYear(),
                date == null ? null : date.toString(), venue, title, abstractText, null, false, authorships, topics,
                listedAuthors > authorships.size() ? listedAuthors : null);
    }
}
