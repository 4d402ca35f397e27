package org.bzpeer.ingest.work.format;

import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import javax.xml.stream.XMLStreamException;

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
public class ArxivAtomFormat implements XmlWorkFormat {

    /** The format name. */
    public static final String NAME = "arxiv-atom";

    private final RecordLimits limits;

    public ArxivAtomFormat(RecordLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String rootElement() {
        return "feed";
    }

    @Override
    public Records open(InputStream document) throws XMLStreamException {
        return new XmlRecordStream(XmlInput.plain(document), rootElement(), 2, "entry"::equals, this::entry, limits);
    }

    private SubmittedWork entry(XmlElement entry) {
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
