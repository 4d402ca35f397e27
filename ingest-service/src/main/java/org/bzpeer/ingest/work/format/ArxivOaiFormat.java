package org.bzpeer.ingest.work.format;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bzpeer.ingest.work.model.SubmittedWork;
import org.springframework.stereotype.Component;

/**
 * arXiv's OAI-PMH responses ({@code arxiv-oai}): each {@code <record>} of a ListRecords (or GetRecord) page is a
 * paper ({@link ArxivPaper}) in one of arXiv's two metadata formats:
 * <ul>
 *   <li>{@code arXiv}: {@code id}, {@code created} (first version), {@code authors} as {@code author} elements with
 *       {@code keyname}, {@code forenames}, {@code suffix} and {@code affiliation}s (a name is "forenames keyname
 *       suffix"; an author without forenames, such as a collaboration written in the surname field, "ATLAS
 *       Collaboration", is its keyname alone), {@code title}, {@code categories}, {@code journal-ref}, {@code doi},
 *       {@code abstract};</li>
 *   <li>{@code arXivRaw}: the same, but {@code authors} is one string ({@link ArxivAuthorList}) and the first
 *       version's date is the {@code date} of {@code <version version="v1">}.</li>
 * </ul>
 * A record whose header has {@code status="deleted"} carries no metadata: it is rejected as deleted, naming its OAI
 * identifier. The page's resumption token and other elements are passed over.
 */
@Component
public class ArxivOaiFormat extends StreamedXmlFormat {

    /** The format name. */
    public static final String NAME = "arxiv-oai";

    public ArxivOaiFormat(RecordLimits limits) {
        super(NAME, "OAI-PMH", 3, "record"::equals, XmlInput::plain, limits);
    }

    @Override
    SubmittedWork work(XmlElement record) {
        XmlElement header = record.child("header");
        if (header != null && "deleted".equals(header.attribute("status"))) {
            throw new RejectedRecordException("header.status", "the OAI record " + header.childText("identifier")
                    + " is deleted; there is nothing to import");
        }
        XmlElement metadata = record.child("metadata");
        List<XmlElement> formats = metadata == null ? List.of() : metadata.children();
        if (formats.isEmpty()) {
            throw new RejectedRecordException("metadata", "is required (a record that is not deleted has it)");
        }
        XmlElement paper = metadata.child(formats.get(0).name());
        return switch (paper.name()) {
            case "arXiv" -> arXiv(paper);
            case "arXivRaw" -> arXivRaw(paper);
            default -> throw paper.reject("metadata format " + paper.name() + " is not read; harvest with "
                    + "metadataPrefix arXiv or arXivRaw");
        };
    }

    private SubmittedWork arXiv(XmlElement metadata) {
        XmlElement created = metadata.child("created");
        ArxivPaper paper = common(metadata);
        if (created != null) {
            paper.date(created.normalised(Normalize::date), created.path());
        }
        XmlElement authors = metadata.child("authors");
        for (XmlElement author : authors == null ? List.<XmlElement>of() : authors.children("author")) {
            String name = String.join(" ", nonNull(author.childText("forenames"), author.childText("keyname"),
                    author.childText("suffix")));
            List<String> affiliations = author.children("affiliation").stream().map(XmlElement::text).toList();
            paper.author(name, affiliations, author);
        }
        return paper.work();
    }

    private SubmittedWork arXivRaw(XmlElement metadata) {
        ArxivPaper paper = common(metadata);
        for (XmlElement version : metadata.children("version")) {
            if ("v1".equals(version.attribute("version")) && version.child("date") != null) {
                XmlElement date = version.child("date");
                paper.date(date.normalised(Normalize::rfc1123Date), date.path());
            }
        }
        XmlElement authors = metadata.child("authors");
        if (authors != null) {
            for (ArxivAuthorList.Author author : ArxivAuthorList.split(authors.text())) {
                paper.author(author.name(), author.affiliations(), authors);
            }
        }
        return paper.work();
    }

    /** What both metadata formats say alike. */
    private ArxivPaper common(XmlElement metadata) {
        return new ArxivPaper(limits)
                .id(metadata.child("id"))
                .doi(metadata.child("doi"))
                .journalRef(TexText.decode(metadata.childText("journal-ref")))
                .title(metadata.child("title"))
                .abstractText(metadata.child("abstract"))
                .categories(metadata.childText("categories"));
    }

    private static List<String> nonNull(String... parts) {
        return Arrays.stream(parts).filter(Objects::nonNull).toList();
    }
}
