package org.bzpeer.ingest.work.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.bzpeer.ingest.work.model.SubmittedWork;
import org.springframework.stereotype.Component;

/**
 * The arXiv API's Atom feeds ({@code arxiv-atom}): each {@code <entry>} of the {@code <feed>} is a paper
 * ({@link ArxivPaper}): {@code id} (an arxiv.org/abs URL with version), {@code title}, {@code summary},
 * {@code published} (first version), {@code author}s with {@code name} and {@code affiliation}s, and arXiv's
 * {@code doi}, {@code journal_ref}, {@code primary_category} and {@code category} terms. Elements are matched by local
 * name, so entries with or without the Atom and arXiv namespaces read the same. An entry by which the API reports an
 * error (its id an arxiv.org/api/errors URL) is rejected with the API's message.
 */
@Component
public class ArxivAtomFormat extends StreamedXmlFormat {

    /** The format name. */
    public static final String NAME = "arxiv-atom";

    public ArxivAtomFormat(RecordLimits limits) {
        super(NAME, "feed", 2, "entry"::equals, XmlInput::plain, limits);
    }

    @Override
    SubmittedWork work(XmlElement entry) {
        XmlElement id = entry.child("id");
        if (id != null && id.text().contains("arxiv.org/api/errors")) {
            throw id.reject("the arXiv API reports an error instead of a paper: " + entry.childText("summary"));
        }
        XmlElement published = entry.child("published");
        ArxivPaper paper = new ArxivPaper(limits)
                .id(id)
                .doi(entry.child("doi"))
                .journalRef(entry.childText("journal_ref"))
                .date(published == null ? null : published.normalised(ArxivAtomFormat::date), "published")
                .title(entry.child("title"))
                .abstractText(entry.child("summary"));
        XmlElement primary = entry.child("primary_category");
        paper.categories(primary == null ? null : primary.attribute("term"));
        for (XmlElement category : entry.children("category")) {
            paper.categories(category.attribute("term"));
        }
        for (XmlElement author : entry.children("author")) {
            XmlElement name = author.child("name");
            List<String> affiliations = author.children("affiliation").stream().map(XmlElement::text).toList();
            paper.author(name == null ? null : name.text(), affiliations, name == null ? author : name);
        }
        return paper.work();
    }

    /** The day of an Atom date-time ({@code 2006-01-02T14:57:58Z}) where it was written. */
    private static LocalDate date(String dateTime) {
        try {
            return OffsetDateTime.parse(dateTime.strip()).toLocalDate();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a date-time such as 2006-01-02T14:57:58Z");
        }
    }
}
