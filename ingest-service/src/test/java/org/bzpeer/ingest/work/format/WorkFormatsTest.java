package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import org.bzpeer.ingest.work.model.SubmittedWork;
import org.junit.jupiter.api.Test;

class WorkFormatsTest {

    private final WorkFormats formats = new WorkFormats(List.of(new OpenAlexWorkFormat(TestRecords.LIMITS),
            new BzpeerWorkFormat(TestRecords.LIMITS), new ArxivAtomFormat(TestRecords.LIMITS),
            new ArxivOaiFormat(TestRecords.LIMITS), new DblpFormat(TestRecords.LIMITS)));

    @Test
    void formatsAreFoundByName() {
        assertThat(formats.get("bzpeer")).isInstanceOf(BzpeerWorkFormat.class);
        assertThat(formats.get("openalex")).isInstanceOf(OpenAlexWorkFormat.class);
        assertThat(formats.get("arxiv-oai")).isInstanceOf(ArxivOaiFormat.class);
        assertThat(formats.names()).containsExactly("arxiv-atom", "arxiv-oai", "bzpeer", "dblp", "openalex");
        assertThat(formats.find("crossref")).isEmpty();
        assertThat(formats.find(null)).isEmpty();
    }

    @Test
    void anUnknownNameIsRefusedListingTheKnownOnes() {
        assertThatExceptionOfType(UnknownWorkFormatException.class).isThrownBy(() -> formats.get("crossref"))
                .withMessage("unknown work format 'crossref'; known formats: arxiv-atom, arxiv-oai, bzpeer, dblp, "
                        + "openalex")
                .satisfies(e -> assertThat(e.requested()).isEqualTo("crossref"));
    }

    @Test
    void twoFormatsMayNotShareAName() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new WorkFormats(List.of(new BzpeerWorkFormat(TestRecords.LIMITS),
                        new BzpeerWorkFormat(TestRecords.LIMITS))))
                .withMessageContaining("two work formats are named 'bzpeer'");
    }

    @Test
    void twoXmlFormatsMayNotShareARootElement() {
        XmlWorkFormat otherFeed = new StreamedXmlFormat("other-feed", "feed", 2, name -> true, XmlInput::plain,
                TestRecords.LIMITS) {
            @Override
            SubmittedWork work(XmlElement record) {
                throw record.reject("never read");
            }
        };
        assertThatIllegalStateException()
                .isThrownBy(() -> new WorkFormats(List.of(new ArxivAtomFormat(TestRecords.LIMITS), otherFeed)))
                .withMessage("two XML work formats have the root element <feed>: arxiv-atom and other-feed");
    }
}
