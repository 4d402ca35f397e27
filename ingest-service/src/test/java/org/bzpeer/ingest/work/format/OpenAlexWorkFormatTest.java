package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link OpenAlexWorkFormat} on a hand-made record that packs the traps of real OpenAlex data into one work. */
class OpenAlexWorkFormatTest {

    private static final OpenAlexWorkFormat FORMAT = new OpenAlexWorkFormat(TestRecords.LIMITS);
    private static final ObjectNode TRAPS = TestRecords.resource("openalex-traps.json");

    @Test
    void theWorkIsMappedAndNormalised() {
        SubmittedWork work = FORMAT.parse(TRAPS);

        assertThat(FORMAT.name()).isEqualTo("openalex");
        assertThat(work.source()).isEqualTo("openalex");
        assertThat(work.identifiers()).containsOnly(
                Map.entry("openalex", "W1000000001"),
                Map.entry("doi", "10.5194/se-12-1777-2021"),
                Map.entry("pmid", "34567890"),
                Map.entry("pmcid", "PMC1234567"),
                Map.entry("mag", "3190807736"));
        assertThat(work.type()).isEqualTo("article");
        assertThat(work.publicationYear()).isEqualTo(2021);
        assertThat(work.publicationDate()).isEqualTo("2021-08-02");
        assertThat(work.venue())
                .isEqualTo(new SubmittedVenue("Solid Earth", "openalex:S2000000001", "journal", "0033-4533"));
        assertThat(work.title()).isEqualTo("A title with traps");
        assertThat(work.abstractText()).isEqualTo("Rocks are old. They are older.");
        assertThat(work.language()).isEqualTo("en");
        assertThat(work.retracted()).isTrue();
    }

    @Test
    void authorshipsSurviveDuplicatesMissingIdsAndEmptyNames() {
        List<SubmittedAuthorship> authorships = FORMAT.parse(TRAPS).authorships();

        assertThat(authorships).containsExactly(
                // the later duplicate of A5000000001 is dropped; the all-null institution placeholder too
                new SubmittedAuthorship("Abdullatif Al\u2010Shuhail", Map.of("openalex", "A5000000001"),
                        List.of(new SubmittedInstitution("openalex:I134085113",
                                "King Fahd University of Petroleum and Minerals", "03yez3163", "SA")),
                        true),
                // no author id: kept with its name and ORCID
                new SubmittedAuthorship("Prodanovic, Masa", Map.of("orcid", "0000-0002-1335-1374"), List.of(), false),
                // empty display name: the raw name, cleaned of its U+202C run
                new SubmittedAuthorship("Zaher Mundher Yaseen", Map.of("openalex", "A5000000002"), List.of(), false),
                // blank display name and no raw name: dropped; an organisation is an ordinary name
                new SubmittedAuthorship("OECD", Map.of("openalex", "A5000000004"), List.of(), false),
                // A5000000003 was only seen on the dropped nameless authorship, so this one counts as its first
                new SubmittedAuthorship("Al-Khalid Othman", Map.of("openalex", "A5000000003"), List.of(), false));
    }

    @Test
    void conceptsStandInWhenTheWorkHasNoTopics() {
        assertThat(FORMAT.parse(TRAPS).topics()).containsExactly(
                new SubmittedTopic("openalex:C22884784", "Carbon sequestration", 0.8107870817184448));

        ObjectNode withTopics = TestRecords.mutated(TRAPS, "topics", """
                [{"id": "https://openalex.org/T11302", "display_name": "CO2 Sequestration and Geologic Interactions",
                  "score": 1, "subfield": {"id": "https://openalex.org/subfields/2305"}}]
                """);
        assertThat(FORMAT.parse(withTopics).topics()).containsExactly(
                new SubmittedTopic("openalex:T11302", "CO2 Sequestration and Geologic Interactions", 1.0));
    }

    @Test
    void aMissingTitleIsNullWhenTheWorkHasAnIdentifier() {
        ObjectNode untitled = TestRecords.mutated(TestRecords.mutated(TRAPS, "title", "null"), "display_name", "null");

        assertThat(FORMAT.parse(untitled).title()).isNull();
        assertThat(FORMAT.parse(TestRecords.mutated(TRAPS, "title", "null")).title()).isEqualTo("A title with traps");
    }

    @Test
    void nullsAndEmptyListsAreAbsent() {
        ObjectNode sparse = (ObjectNode) TestRecords.json("""
                {"id": "https://openalex.org/W1", "doi": null, "title": "T", "type": "article",
                 "publication_year": null, "publication_date": null, "ids": {"openalex": "https://openalex.org/W1"},
                 "language": null, "primary_location": {"source": null}, "abstract_inverted_index": null,
                 "is_retracted": null, "authorships": [], "topics": [], "concepts": []}
                """);

        SubmittedWork work = FORMAT.parse(sparse);

        assertThat(work.identifiers()).containsOnly(Map.entry("openalex", "W1"));
        assertThat(work.venue()).isNull();
        assertThat(work.abstractText()).isNull();
        assertThat(work.retracted()).isFalse();
        assertThat(work.authorships()).isEmpty();
        assertThat(work.topics()).isEmpty();
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "article, null, article", "article, proceedings-article, proceedings-article", "review, null, review",
            "peer-review, null, review", "reference-entry, null, book-chapter", "retraction, null, erratum",
            "paratext, null, other", "libguides, null, other", "null, null, other", "preprint, null, preprint"})
    void typesAreMappedOntoTheVocabulary(String type, String typeCrossref, String expected) {
        ObjectNode record = TestRecords.mutated(TestRecords.mutated(TRAPS, "type",
                type == null ? null : "\"" + type + "\""), "type_crossref",
                typeCrossref == null ? null : "\"" + typeCrossref + "\"");

        assertThat(FORMAT.parse(record).type()).isEqualTo(expected);
    }

    @Test
    void theAbstractIsRebuiltAcrossGapsNullsAndALeadingLabel() {
        ObjectNode record = TestRecords.mutated(TRAPS, "abstract_inverted_index", """
                {"Abstract": [0], "Rocks": [1, null], "are": [2, 6], "old,": [3], "rocks": [5], "older.": [7],
                 "ignored": null, "again": [7]}
                """);

        assertThat(FORMAT.parse(record).abstractText()).isEqualTo("Rocks are old, rocks are older.");
        assertThat(FORMAT.parse(TestRecords.mutated(TRAPS, "abstract_inverted_index", "{}")).abstractText())
                .isNull();
    }

    @Test
    void anArxivDataCiteDoiAlsoYieldsTheArxivId() {
        SubmittedWork work = FORMAT.parse(TestRecords.mutated(TRAPS, "doi",
                "\"https://doi.org/10.48550/arXiv.1410.0215\""));

        assertThat(work.identifiers()).containsEntry("doi", "10.48550/arxiv.1410.0215")
                .containsEntry("arxiv", "1410.0215");
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("type", "42", "type", "must be a string"),
                Arguments.of("doi", "\"https://example.org/x\"", "doi", "must be a DOI"),
                Arguments.of("ids.pmid", "\"https://pubmed.ncbi.nlm.nih.gov/abc\"", "ids.pmid", "must be a PubMed id"),
                Arguments.of("ids", "[]", "ids", "must be an object"),
                Arguments.of("publication_year", "\"2021\"", "publication_year", TestRecords.LIMITS.yearRule()),
                Arguments.of("publication_date", "\"2021-13-01\"", "publication_date", "must be a date yyyy-MM-dd"),
                Arguments.of("language", "\"english\"", "language", "must be an ISO 639-1 language code"),
                Arguments.of("is_retracted", "\"false\"", "is_retracted", "must be true or false"),
                Arguments.of("abstract_inverted_index", "{\"Rocks\": [\"0\"]}", "abstract_inverted_index.Rocks[0]",
                        "must be a word position"),
                Arguments.of("abstract_inverted_index", "{\"old.\": [-1]}", "abstract_inverted_index[\"old.\"][0]",
                        "must be a word position"),
                Arguments.of("primary_location.source.id", "\"https://openalex.org/I1\"", "primary_location.source.id",
                        "must be an OpenAlex source (S...) id, not I1"),
                Arguments.of("authorships", "{}", "authorships", "must be an array"),
                Arguments.of("authorships[2].author.orcid", "\"https://orcid.org/0000-0002-1335-1375\"",
                        "authorships[2].author.orcid", "ORCID check digit does not match"),
                Arguments.of("authorships[0].author.id", "\"https://openalex.org/W1\"", "authorships[0].author.id",
                        "must be an OpenAlex author (A...) id, not W1"),
                Arguments.of("authorships[0].author", "\"Abdullatif\"", "authorships[0].author", "must be an object"),
                Arguments.of("authorships[0].institutions[0].ror", "\"https://ror.org/x\"",
                        "authorships[0].institutions[0].ror", "must be a ROR id"),
                Arguments.of("authorships[0].is_corresponding", "1", "authorships[0].is_corresponding",
                        "must be true or false"),
                Arguments.of("concepts[0].score", "2", "concepts[0].score", "must be a number between 0 and 1"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @MethodSource("rejections")
    void eachMalformedFieldIsRejectedByItsPath(String path, String value, String field, String reason) {
        assertRejected(TestRecords.mutated(TRAPS, path, value), field, reason);
    }

    @Test
    void aWorkWithNeitherTitleNorIdentifierIsRejected() {
        JsonNode record = TestRecords.json("""
                {"title": null, "display_name": null, "type": "article", "ids": {}, "authorships": []}
                """);

        assertRejected(record, "title", "a work needs a title or at least one identifier");
    }

    private static void assertRejected(JsonNode record, String field, String reason) {
        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> FORMAT.parse(record))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.reason()).contains(reason));
    }
}
