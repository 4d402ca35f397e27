package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.model.VersionIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link CrossrefWorkFormat} on records built for one rule each; real records are in {@link CrossrefRealDataTest}. */
class CrossrefWorkFormatTest {

    private static final CrossrefWorkFormat FORMAT = new CrossrefWorkFormat(TestRecords.LIMITS);

    private static final ObjectNode WORK = (ObjectNode) TestRecords.json("""
            {"DOI": "10.7717/PEERJ.3811", "type": "journal-article", "title": ["Fish <i>Ontology</i> framework"],
             "container-title": ["PeerJ"], "ISSN": ["2167-8359"], "language": "en",
             "issued": {"date-parts": [[2017, 9, 15]]},
             "abstract": "<jats:title>Abstract</jats:title><jats:p>Life &amp; science \
            <jats:italic>ontologies</jats:italic>.</jats:p><jats:p>Second&#x2009;one.</jats:p>",
             "author": [
               {"given": "Najib M.", "family": "Ali", "ORCID": "http://orcid.org/0000-0001-7056-6323",
                "affiliation": [{"name": "University of Malaya", "id": [{"id": "https://ror.org/00rzspn62",
                                  "id-type": "ROR", "asserted-by": "publisher"}]}]},
               {"name": "OECD", "affiliation": []},
               {"sequence": "additional", "affiliation": []},
               {"given": "Carl", "family": "Boettiger", "suffix": "Jr.",
                "ORCID": "https://orcid.org/0000-0002-1642-628X"},
               {"given": "Carl", "family": "Boettiger", "ORCID": "0000-0002-1642-628X"}],
             "subject": ["Ecology", "Ecology", "Bioinformatics"],
             "relation": {"has-preprint": [{"id-type": "doi", "id": "10.7287/peerj.preprints.3020"}],
                          "has-review": [{"id-type": "doi", "id": "10.7287/peerj.3811v0.1/reviews/2"}],
                          "is-version-of": [{"id-type": "arxiv", "id": "arXiv:1701.00001v2"},
                                            {"id-type": "doi", "id": "10.48550/arXiv.1702.00002"},
                                            {"id-type": "uri", "id": "https://example.org/x"}]}}
            """);

    @Test
    void aWorkIsMappedFieldByField() {
        SubmittedWork work = FORMAT.parse(WORK);

        assertThat(FORMAT.name()).isEqualTo("crossref");
        assertThat(work.source()).isEqualTo("crossref");
        assertThat(work.identifiers()).containsOnly(Map.entry("doi", "10.7717/peerj.3811"));
        assertThat(work.type()).isEqualTo("article");
        assertThat(work.publicationYear()).isEqualTo(2017);
        assertThat(work.publicationDate()).isEqualTo("2017-09-15");
        assertThat(work.venue()).isEqualTo(new SubmittedVenue("PeerJ", null, "journal", "2167-8359"));
        assertThat(work.title()).isEqualTo("Fish Ontology framework");
        assertThat(work.abstractText()).isEqualTo("Life & science ontologies.\n\nSecond one.");
        assertThat(work.language()).isEqualTo("en");
        assertThat(work.retracted()).isFalse();
        assertThat(work.authorships()).containsExactly(
                new SubmittedAuthorship("Najib M. Ali", Map.of("orcid", "0000-0001-7056-6323"),
                        List.of(new SubmittedInstitution(null, "University of Malaya", "00rzspn62", null)), false),
                new SubmittedAuthorship("OECD", Map.of(), List.of(), false),
                new SubmittedAuthorship("Carl Boettiger Jr.", Map.of("orcid", "0000-0002-1642-628X"), List.of(),
                        false));
        assertThat(work.topics()).extracting(t -> t.name()).containsExactly("Ecology", "Bioinformatics");
    }

    @Test
    void sameWorkRelationsAddTheOtherVersionsIdentifiersAndOtherRelationsDoNot() {
        assertThat(FORMAT.parse(WORK).versionIdentifiers()).containsExactly(
                new VersionIdentifier("doi", "10.7287/peerj.preprints.3020"),
                new VersionIdentifier("arxiv", "1701.00001"),
                new VersionIdentifier("doi", "10.48550/arxiv.1702.00002"),
                new VersionIdentifier("arxiv", "1702.00002"));
        assertThat(CrossrefWorkFormat.SAME_WORK_RELATIONS).contains("has-preprint", "is-preprint-of",
                "is-version-of", "has-version", "is-identical-to").doesNotContain("has-review", "is-supplemented-by",
                "has-translation", "is-translation-of", "has-part", "is-part-of", "correction", "has-comment");
    }

    @Test
    void anApiResponseEnvelopeIsUnwrappedAndNamesFieldsInsideTheMessage() {
        ObjectNode envelope = (ObjectNode) TestRecords.json("{\"status\": \"ok\", \"message-type\": \"work\"}");
        envelope.set("message", WORK);

        assertThat(FORMAT.parse(envelope)).isEqualTo(FORMAT.parse(WORK));
        assertRejected(TestRecords.mutated(envelope, "message.author[0].ORCID",
                        "\"http://orcid.org/0000-0001-7056-6324\""),
                "message.author[0].ORCID", "ORCID check digit does not match");
        assertRejected(TestRecords.json("{\"status\": \"ok\", \"message-type\": \"work-list\", \"message\": {}}"),
                "message-type", "a record must be a work");
    }

    @Test
    void aPartialRecordWithOnlyDoiAndTitleIsKeptAsTypeOther() {
        SubmittedWork work = FORMAT.parse(TestRecords.json("""
                {"DOI": "10.1093/obo/9780199830060-0202", "title": ["Ecosystem Ecology"]}
                """));

        assertThat(work.type()).isEqualTo("other");
        assertThat(work.title()).isEqualTo("Ecosystem Ecology");
        assertThat(work.publicationYear()).isNull();
        assertThat(work.authorships()).isEmpty();
        assertThat(work.venue()).isNull();
    }

    @Test
    void anIssuedYearOfNullFallsBackToTheNextDateAndAYearWithoutDayHasNoDate() {
        SubmittedWork noYear = FORMAT.parse(TestRecords.mutated(TestRecords.mutated(WORK, "issued",
                "{\"date-parts\": [[null]]}"), "published-print", "{\"date-parts\": [[2018, 3]]}"));
        SubmittedWork none = FORMAT.parse(TestRecords.mutated(WORK, "issued", "{\"date-parts\": [[null]]}"));

        assertThat(noYear.publicationYear()).isEqualTo(2018);
        assertThat(noYear.publicationDate()).isNull();
        assertThat(none.publicationYear()).isNull();
    }

    @Test
    void postedContentIsAPreprintInTheRepositoryThatPostedIt() {
        SubmittedWork work = FORMAT.parse(TestRecords.json("""
                {"DOI": "10.1101/055319", "type": "posted-content", "subtype": "preprint",
                 "institution": [{"name": "bioRxiv"}], "title": ["Measurement uncertainty matters"]}
                """));

        assertThat(work.type()).isEqualTo("preprint");
        assertThat(work.venue()).isEqualTo(new SubmittedVenue("bioRxiv", null, "repository", null));
    }

    @Test
    void aRetractionInUpdatedByMarksTheWorkRetracted() {
        assertThat(FORMAT.parse(TestRecords.mutated(WORK, "updated-by",
                "[{\"type\": \"correction\"}, {\"type\": \"retraction\"}]")).retracted()).isTrue();
        assertThat(FORMAT.parse(TestRecords.mutated(WORK, "updated-by",
                "[{\"type\": \"correction\"}]")).retracted()).isFalse();
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "journal-article, null, article", "posted-content, null, preprint", "posted-content, preprint, preprint",
            "posted-content, working-paper, report", "book-chapter, null, book-chapter",
            "reference-entry, null, book-chapter", "edited-book, null, book", "proceedings-article, null,"
            + " proceedings-article", "proceedings, null, proceedings", "dissertation, null, dissertation",
            "dataset, null, dataset", "component, null, other", "report, null, report",
            "peer-review, null, review", "journal-issue, null, other", "null, null, other"})
    void typesAreMappedOntoTheVocabulary(String type, String subtype, String expected) {
        assertThat(WorkType.fromCrossref(type, subtype).code()).isEqualTo(expected);
    }

    @Test
    void aMissingDoiOrAMalformedFieldIsRejectedByItsPath() {
        assertRejected(TestRecords.mutated(WORK, "DOI", null), "DOI", "is required");
        assertRejected(TestRecords.mutated(WORK, "issued", "{\"date-parts\": [[2017, 2, 30]]}"),
                "issued.date-parts[0]", "is not a calendar date");
        assertRejected(TestRecords.mutated(WORK, "title", "\"not an array\""), "title", "must be an array");
        assertRejected(TestRecords.mutated(WORK, "relation.has-preprint[0].id", "\"not a doi\""),
                "relation.has-preprint[0].id", "must be a DOI");
    }

    private static void assertRejected(JsonNode record, String field, String reason) {
        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> FORMAT.parse(record))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.reason()).contains(reason));
    }
}
