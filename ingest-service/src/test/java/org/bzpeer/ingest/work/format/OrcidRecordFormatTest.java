package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.model.VersionIdentifier;
import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link OrcidRecordFormat} on the real ORCID record of the shared data (a record listing no works) and on a record
 * built in the ORCID v3.0 shape with work summaries, one rule each.
 */
class OrcidRecordFormatTest {

    private static final OrcidRecordFormat FORMAT = new OrcidRecordFormat(TestRecords.LIMITS);
    private static final RecordParser PARSER = new RecordParser(TestRecords.LIMITS);
    private static final String GROUPS = "activities-summary.works.group";

    /** Two works: one added by Crossref and the owner (the owner's copy preferred), one with a v2 type name. */
    static final ObjectNode RECORD = (ObjectNode) TestRecords.json("""
            {"orcid-identifier": {"uri": "https://orcid.org/0000-0002-1825-0097", "path": "0000-0002-1825-0097",
                                  "host": "orcid.org"},
             "person": {"name": {"given-names": {"value": "Josiah"}, "family-name": {"value": "Carberry"},
                                 "credit-name": null, "visibility": "public"},
                        "other-names": {"other-name": [{"content": "J. S. Carberry"}]}},
             "activities-summary": {"works": {"group": [
               {"external-ids": {"external-id": []},
                "work-summary": [
                  {"put-code": 1, "display-index": "0", "type": "journal-article",
                   "title": {"title": {"value": "Crossref's title"}, "subtitle": null},
                   "external-ids": {"external-id": [
                     {"external-id-type": "doi", "external-id-value": "10.5555/12345678",
                      "external-id-relationship": "self"},
                     {"external-id-type": "issn", "external-id-value": "0378-5955",
                      "external-id-relationship": "part-of"}]},
                   "publication-date": {"year": {"value": "2008"}, "month": null, "day": null},
                   "journal-title": {"value": "Journal of Psychoceramics"}},
                  {"put-code": 2, "display-index": "1", "type": "journal-article",
                   "title": {"title": {"value": "Toward a Unified Theory of High-Energy Metaphysics"}},
                   "external-ids": {"external-id": [
                     {"external-id-type": "pmid", "external-id-value": "18287017",
                      "external-id-relationship": "self"},
                     {"external-id-type": "arxiv", "external-id-value": "arXiv:0801.00001v2",
                      "external-id-relationship": "version-of"}]},
                   "publication-date": {"year": {"value": "2008"}, "month": {"value": "02"},
                                        "day": {"value": "29"}},
                   "journal-title": {"value": "Journal of Psychoceramics"}}]},
               {"work-summary": [
                  {"put-code": 3, "type": "CONFERENCE_PAPER",
                   "title": {"title": {"value": "Cracked pots"}},
                   "external-ids": {"external-id": [
                     {"external-id-type": "eid", "external-id-value": "2-s2.0-0000000001",
                      "external-id-relationship": "SELF"}]},
                   "publication-date": {"year": {"value": "1999"}}}]}]}}}
            """);

    @Test
    void theSharedOrcidRecordListsNoWorkAndIsNotRejected() throws Exception {
        Path file = SharedData.dir().resolve("orcid/fatcat_0000-0001-8254-7103.json");
        assumeTrue(Files.isRegularFile(file), SharedData.missing(file));
        byte[] bytes = Files.readAllBytes(file);

        JsonNode record = PARSER.parse(bytes, bytes.length);

        assertThat(record.get("activities-summary").get("works").get("group").isNull()).isTrue();
        assertThat(FORMAT.works(record)).isEmpty();
        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> FORMAT.parse(record))
                .satisfies(e -> assertThat(e.field()).isEqualTo(GROUPS));
        assertThat(parsed(TestRecords.mutated((ObjectNode) record, GROUPS, "[" + RECORD.get("activities-summary")
                .get("works").get("group").get(1) + "]")))
                .singleElement().satisfies(work -> assertThat(work.authorships()).containsExactly(
                        new SubmittedAuthorship("Man-Hui Li", Map.of("orcid", "0000-0001-8254-7103"), List.of(),
                                false)));
    }

    @Test
    void eachGroupIsOneWorkOfTheOwnerFromThePreferredSummaryWithTheIdentifiersOfAll() {
        List<SubmittedWork> works = parsed(RECORD);

        SubmittedAuthorship owner = new SubmittedAuthorship("Josiah Carberry", Map.of("orcid", "0000-0002-1825-0097"),
                List.of(), false, List.of("J. S. Carberry"));
        assertThat(works).containsExactly(
                new SubmittedWork("orcid", Map.of("doi", "10.5555/12345678", "pmid", "18287017"), "article", 2008,
                        "2008-02-29", new SubmittedVenue("Journal of Psychoceramics", null, null, null),
                        "Toward a Unified Theory of High-Energy Metaphysics", null, null, false, List.of(owner),
                        List.of(), null, List.of(new VersionIdentifier("arxiv", "0801.00001"))),
                new SubmittedWork("orcid", Map.of(), "proceedings-article", 1999, null, null, "Cracked pots", null,
                        null, false, List.of(owner), List.of()));
        assertThat(works).allSatisfy(work -> assertThat(work.bylinePartial()).isTrue());
    }

    @Test
    void theCreditNameNamesTheOwnerWhenPublic() {
        ObjectNode credited = TestRecords.mutated(RECORD, "person.name.credit-name", "{\"value\": \"J. Carberry\"}");

        assertThat(parsed(credited)).allSatisfy(work ->
                assertThat(work.authorships().get(0).name()).isEqualTo("J. Carberry"));
    }

    @Test
    void theOwnersOtherNamesAreTheirGivenAndFamilyNamesBesidesTheCreditNameAndEachOtherNameOnce() {
        ObjectNode credited = TestRecords.mutated(RECORD, "person.name.credit-name", "{\"value\": \"J. Carberry\"}");
        ObjectNode renamed = TestRecords.mutated(credited, "person.other-names.other-name", """
                [{"content": "Josiah Stinkney Carberry"}, {"content": "J.\u00a0Carberry"}, {"content": "  "},
                 {"content": "Josiah Smith"}, {"content": "josiah smith"}]""");

        assertThat(parsed(renamed)).allSatisfy(work -> assertThat(work.authorships().get(0).otherNames())
                .containsExactly("Josiah Carberry", "Josiah Stinkney Carberry", "Josiah Smith"));
    }

    @Test
    void aMalformedIdentifierRejectsItsWorkAloneNamingTheField() {
        ObjectNode record = TestRecords.mutated(RECORD,
                GROUPS + "[0].work-summary[1].external-ids.external-id[0].external-id-value", "\"18287017x\"");

        List<Supplier<SubmittedWork>> works = FORMAT.works(record);

        assertThat(works).hasSize(2);
        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> works.get(0).get())
                .satisfies(e -> assertThat(e.field()).isEqualTo(
                        GROUPS + "[0].work-summary[1].external-ids.external-id[0].external-id-value"));
        assertThat(works.get(1).get().title()).isEqualTo("Cracked pots");
    }

    @Test
    void aWorkWithoutTitleOrIdentifierAndAnImplausibleYearAreRejected() {
        ObjectNode untitled = TestRecords.mutated(RECORD, GROUPS + "[1].work-summary[0].title", null);
        ObjectNode ancient = TestRecords.mutated(RECORD, GROUPS + "[1].work-summary[0].publication-date.year",
                "{\"value\": \"0999\"}");

        assertThatExceptionOfType(RejectedRecordException.class)
                .isThrownBy(() -> FORMAT.works(untitled).get(1).get())
                .satisfies(e -> assertThat(e.field()).isEqualTo(GROUPS + "[1].work-summary[0].title"));
        assertThatExceptionOfType(RejectedRecordException.class)
                .isThrownBy(() -> FORMAT.works(ancient).get(1).get())
                .satisfies(e -> assertThat(e.field())
                        .isEqualTo(GROUPS + "[1].work-summary[0].publication-date.year.value"));
    }

    @Test
    void aRecordWithWorksButNoPublicNameOrNoOwnerIsRejectedWhole() {
        ObjectNode nameless = TestRecords.mutated(RECORD, "person.name", null);
        ObjectNode ownerless = TestRecords.mutated(RECORD, "orcid-identifier", null);

        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> FORMAT.works(nameless))
                .satisfies(e -> assertThat(e.field()).isEqualTo("person.name"));
        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> FORMAT.works(ownerless))
                .satisfies(e -> assertThat(e.field()).isEqualTo("orcid-identifier.uri"));
    }

    private static List<SubmittedWork> parsed(JsonNode record) {
        return FORMAT.works(record).stream().map(Supplier::get).toList();
    }
}
