package org.bzpeer.ingest.work.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.springframework.stereotype.Component;

/**
 * DBLP's XML ({@code dblp}): every child of {@code <dblp>} is a record, read in ISO-8859-1 or whatever the document
 * declares, its character entities resolved without dblp.dtd ({@link XmlInput#withLatin1Entities}). Record kinds map
 * to work types: article (an "informal" one, such as a CoRR paper, is a preprint), inproceedings
 * (proceedings-article), proceedings, book, incollection (book-chapter), phdthesis and mastersthesis (dissertation);
 * {@code www} records are person pages, not works, and are rejected as such, like any other kind.
 *
 * <p>The record's {@code key} is its {@code dblp} identifier; {@code ee} links to doi.org (or a publisher's DOI
 * resolver such as doi.acm.org) give the {@code doi}, links to arxiv.org the {@code arxiv} id; an {@code ee} link
 * that is neither, or whose DOI is malformed, is only a link and is passed over. Authors keep their order; DBLP tells
 * namesakes apart by a numeric suffix ("Manish Singh 0001"), which is not part of the printed name but is part of the
 * author's DBLP name, kept as the authorship's {@code dblp} id (or the author's DBLP {@code pid} when the record gives
 * it), with the {@code orcid} when given. Editors of a proceedings volume are not its authors and are not listed. The
 * venue is the journal, else the book title (a conference's or a book's), else the school of a thesis. DBLP ends every
 * title with a full stop, which is not part of the title and is removed.
 */
@Component
public class DblpFormat extends StreamedXmlFormat {

    /** The format name and the {@code source} of its works. */
    public static final String NAME = "dblp";

    private static final Map<String, String> TYPES = Map.of(
            "article", "article",
            "inproceedings", "proceedings-article",
            "proceedings", "proceedings",
            "book", "book",
            "incollection", "book-chapter",
            "phdthesis", "dissertation",
            "mastersthesis", "dissertation");
    private static final Pattern NAMESAKE_NUMBER = Pattern.compile("^(.*\\S)\\s+\\d{4}$");
    private static final Pattern DOI_LINK = Pattern.compile("^https?://[^/]*doi[^/]*/(10\\..+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ARXIV_LINK = Pattern.compile("^https?://(?:www\\.)?arxiv\\.org/abs/(.+)$",
            Pattern.CASE_INSENSITIVE);

    public DblpFormat(RecordLimits limits) {
        super(NAME, "dblp", 2, kind -> true, XmlInput::withLatin1Entities, limits);
    }

    @Override
    SubmittedWork work(XmlElement record) {
        if (record.name().equals("www")) {
            throw record.reject("a DBLP person page (www record " + record.attribute("key") + "), not a work");
        }
        String type = TYPES.get(record.name());
        if (type == null) {
            throw record.reject("DBLP record kind <" + record.name() + "> is not a work type read here; known: "
                    + String.join(", ", TYPES.keySet()) + " (and www person pages)");
        }
        if (record.name().equals("article") && "informal".equals(record.attribute("publtype"))) {
            type = "preprint";
        }
        Map<String, String> identifiers = identifiers(record);
        String title = title(record);
        if (title == null && identifiers.isEmpty()) {
            throw record.reject("a work needs a title or at least one identifier");
        }
        XmlElement yearElement = record.child("year");
        Integer year = yearElement == null ? null : yearElement.normalised(this::year);
        List<SubmittedAuthorship> authorships = new ArrayList<>();
        List<XmlElement> authors = record.children("author");
        for (XmlElement author : authors.subList(0, Math.min(authors.size(), limits.maxAuthorships()))) {
            authorships.add(authorship(author));
        }
        return new SubmittedWork(NAME, identifiers, type, year, null, venue(record), title, null, null, false,
                authorships, List.of(), authors.size() > limits.maxAuthorships() ? authors.size() : null);
    }

    private static Map<String, String> identifiers(XmlElement record) {
        Map<String, String> identifiers = new LinkedHashMap<>();
        String key = record.attribute("key", Normalize::identifier);
        if (key != null) {
            identifiers.put(NAME, key);
        }
        for (XmlElement ee : record.children("ee")) {
            String link = Normalize.text(ee.text());
            Matcher doi = link == null ? null : DOI_LINK.matcher(link);
            Matcher arxiv = link == null ? null : ARXIV_LINK.matcher(link);
            if (doi != null && doi.matches()) {
                putValid(identifiers, "doi", doi.group(1), true);
            } else if (arxiv != null && arxiv.matches()) {
                putValid(identifiers, "arxiv", arxiv.group(1), false);
            }
        }
        return identifiers;
    }

    /** Puts the first valid DOI or arXiv id a record links to; an invalid one is only a link. */
    private static void putValid(Map<String, String> identifiers, String scheme, String value, boolean isDoi) {
        if (identifiers.containsKey(scheme)) {
            return;
        }
        try {
            identifiers.put(scheme, isDoi ? Normalize.doi(value) : Normalize.arxiv(value));
        } catch (IllegalArgumentException notAnIdentifier) {
            // a link that merely looks like one: the record is still known by its DBLP key
        }
    }

    private String title(XmlElement record) {
        String title = record.childText("title");
        if (title == null) {
            return null;
        }
        if (title.length() > limits.maxTitleLength()) {
            throw record.child("title").reject("is " + title.length() + " characters long; at most "
                    + limits.maxTitleLength() + " are accepted");
        }
        return title.endsWith(".") && !title.endsWith("..") ? title.substring(0, title.length() - 1) : title;
    }

    private Integer year(String raw) {
        String value = raw.strip();
        if (!value.matches("\\d{4}") || !limits.isPlausibleYear(Integer.parseInt(value))) {
            throw new IllegalArgumentException(limits.yearRule());
        }
        return Integer.parseInt(value);
    }

    private SubmittedAuthorship authorship(XmlElement author) {
        String dblpName = Normalize.name(author.text());
        if (dblpName == null) {
            throw author.reject("is required and must not be blank");
        }
        if (dblpName.length() > limits.maxNameLength()) {
            throw author.reject("is " + dblpName.length() + " characters long; at most " + limits.maxNameLength()
                    + " are accepted");
        }
        Matcher namesake = NAMESAKE_NUMBER.matcher(dblpName);
        String printed = namesake.matches() ? namesake.group(1) : dblpName;
        Map<String, String> ids = new LinkedHashMap<>();
        String pid = author.attribute("pid", Normalize::identifier);
        ids.put(NAME, pid == null ? dblpName : pid);
        String orcid = author.attribute("orcid", Normalize::orcid);
        if (orcid != null) {
            ids.put("orcid", orcid);
        }
        return new SubmittedAuthorship(printed, ids, List.of(), false);
    }

    private static SubmittedVenue venue(XmlElement record) {
        for (String[] venue : new String[][] {{"journal", "journal"}, {"booktitle", null}, {"school", "school"}}) {
            String name = record.childText(venue[0]);
            if (name != null) {
                String type = venue[1] != null ? venue[1]
                        : record.name().equals("incollection") ? "book" : "conference";
                return new SubmittedVenue(name, null, type, null);
            }
        }
        return null;
    }
}
