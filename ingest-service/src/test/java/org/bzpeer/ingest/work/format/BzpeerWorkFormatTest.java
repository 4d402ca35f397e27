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
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class BzpeerWorkFormatTest {

    private static final BzpeerWorkFormat FORMAT = new BzpeerWorkFormat(TestRecords.LIMITS);
    private static final ObjectNode COMPLETE = TestRecords.resource("bzpeer-complete.json");

    @Test
    void aCompleteRecordIsParsedAndNormalised() {
        SubmittedWork work = FORMAT.parse(COMPLETE);

        assertThat(FORMAT.name()).isEqualTo("bzpeer");
        assertThat(work.source()).isEqualTo("bzpeer");
        assertThat(work.identifiers()).containsOnly(
                entry("doi", "10.48550/arxiv.2301.00001"),
                entry("arxiv", "2301.00001"),
                entry("openalex", "W4399880781"),
                entry("pmid", "34567890"),
                entry("handle", "20.500.12345/678"),
                entry("bzpeer-demo", "demo-work-1"));
        assertThat(work.type()).isEqualTo("preprint");
        assertThat(work.publicationYear()).isEqualTo(2026);
        assertThat(work.publicationDate()).isEqualTo("2026-01-15");
        assertThat(work.venue()).isEqualTo(new SubmittedVenue("arXiv", "openalex:S4306400194", "repository", null));
        assertThat(work.title()).isEqualTo("A Titlewith a soft hyphen");
        assertThat(work.abstractText()).isEqualTo("First line.\n\nSecond paragraph.");
        assertThat(work.language()).isEqualTo("en");
        assertThat(work.retracted()).isFalse();
        assertThat(work.authorships()).containsExactly(
                new SubmittedAuthorship("Carole\u2010Jean Wu",
                        Map.of("orcid", "0000-0001-7056-6323", "openalex", "A5000180362",
                                "bzpeer-demo", "carole-jean-wu"),
                        List.of(new SubmittedInstitution("openalex:I134085113",
                                "King Fahd University of Petroleum and Minerals", "03yez3163", "SA")),
                        true),
                new SubmittedAuthorship("OECD", Map.of(), List.of(), false));
        assertThat(work.topics()).containsExactly(
                new SubmittedTopic(null, "Recommender systems", 0.9),
                new SubmittedTopic("openalex:T11302", "CO2 Sequestration and Geologic Interactions", 1.0));
    }

    @Test
    void aMinimalRecordNeedsOnlyTypeTitleAndOneNamedAuthor() {
        SubmittedWork work = FORMAT.parse(json("""
                {"type": "preprint", "title": "MLPerf Training Benchmark", "authorships": [{"name": "Carole-Jean Wu"}]}
                """));

        assertThat(work.identifiers()).isEmpty();
        assertThat(work.publicationYear()).isNull();
        assertThat(work.publicationDate()).isNull();
        assertThat(work.venue()).isNull();
        assertThat(work.abstractText()).isNull();
        assertThat(work.language()).isNull();
        assertThat(work.retracted()).isFalse();
        assertThat(work.authorships()).singleElement()
                .isEqualTo(new SubmittedAuthorship("Carole-Jean Wu", Map.of(), List.of(), false));
        assertThat(work.topics()).isEmpty();
    }

    @Test
    void nullMeansAbsent() {
        SubmittedWork work = FORMAT.parse(json("""
                {"identifiers": {"doi": null, "arxiv": "2301.00001"}, "type": "preprint", "publicationYear": null,
                 "publicationDate": null, "venue": null, "title": "T", "abstract": null, "language": null,
                 "retracted": null, "authorships": [{"name": "A", "ids": null, "institutions": null,
                 "corresponding": null}], "topics": null}
                """));

        assertThat(work.identifiers()).containsOnly(entry("arxiv", "2301.00001"));
        assertThat(work.venue()).isNull();
        assertThat(work.retracted()).isFalse();
        assertThat(work.topics()).isEmpty();
    }

    @Test
    void aDateAloneSuppliesTheYear() {
        SubmittedWork work = FORMAT.parse(json("""
                {"type": "article", "title": "T", "publicationDate": "2019-06-30", "authorships": [{"name": "A"}]}
                """));

        assertThat(work.publicationYear()).isEqualTo(2019);
    }

    @Test
    void aRecordThatIsNotAnObjectIsRejectedAsAWhole() {
        assertRejected(json("[]"), "$", "the record must be a JSON object");
        assertRejected(json("\"work\""), "$", "the record must be a JSON object");
        assertRejected(null, "$", "the record must be a JSON object");
    }

    static Stream<Arguments> rejections() {
        String year = TestRecords.LIMITS.yearRule();
        int tooLate = TestRecords.LIMITS.maxPublicationYear() + 1;
        return Stream.of(
                // the work
                Arguments.of("type", null, "type", "is required and must not be blank"),
                Arguments.of("type", "\"  \"", "type", "is required and must not be blank"),
                Arguments.of("type", "42", "type", "must be a string"),
                Arguments.of("type", "\"journal-article\"", "type", "'journal-article' is not a work type; the types "
                        + "are article, preprint, book, book-chapter, proceedings-article"),
                Arguments.of("title", null, "title", "is required and must not be blank"),
                Arguments.of("title", "\"\\u200E\"", "title", "is required and must not be blank"),
                Arguments.of("publicationYear", "\"abc\"", "publicationYear", year),
                Arguments.of("publicationYear", "\"2026\"", "publicationYear", year),
                Arguments.of("publicationYear", "2026.5", "publicationYear", year),
                Arguments.of("publicationYear", "999", "publicationYear", year),
                Arguments.of("publicationYear", String.valueOf(tooLate), "publicationYear", year),
                Arguments.of("publicationDate", "\"2026-02-30\"", "publicationDate", "must be a date yyyy-MM-dd"),
                Arguments.of("publicationDate", "20260115", "publicationDate", "must be a string"),
                Arguments.of("publicationDate", "\"2025-01-15\"", "publicationDate",
                        "year 2025 does not match publicationYear 2026"),
                Arguments.of("publicationDate", "\"0999-12-31\"", "publicationDate",
                        "must be a date yyyy-MM-dd with a year between 1000 and "),
                Arguments.of("abstract", "5", "abstract", "must be a string"),
                Arguments.of("title", "\"" + "t".repeat(4001) + "\"", "title",
                        "is 4001 characters long; at most 4000 are accepted"),
                Arguments.of("abstract", "\"" + "a".repeat(100_001) + "\"", "abstract",
                        "is 100001 characters long; at most 100000 are accepted"),
                Arguments.of("identifiers.doi", "\"10.1234/a\\u0007b\"", "identifiers.doi",
                        "must not contain control characters"),
                Arguments.of("identifiers.doi", "\"10.1234/" + "d".repeat(1000) + "\"", "identifiers.doi",
                        "is 1008 characters long; at most 1000 are accepted"),
                Arguments.of("language", "\"english\"", "language", "must be an ISO 639-1 language code"),
                Arguments.of("retracted", "\"no\"", "retracted", "must be true or false"),
                // identifiers
                Arguments.of("identifiers", "\"10.1/x\"", "identifiers", "must be an object"),
                Arguments.of("identifiers.doi", "\"11.1016/x\"", "identifiers.doi", "must be a DOI"),
                Arguments.of("identifiers.doi", "10.1", "identifiers.doi", "must be a string"),
                Arguments.of("identifiers.arxiv", "\"2301.123\"", "identifiers.arxiv", "must be an arXiv id"),
                Arguments.of("identifiers.openalex", "\"A5000180362\"", "identifiers.openalex",
                        "must be an OpenAlex work (W...) id, not A5000180362"),
                Arguments.of("identifiers.pmid", "\"abc\"", "identifiers.pmid", "must be a PubMed id"),
                Arguments.of("identifiers.handle", "\" \\u00AD \"", "identifiers.handle", "must not be blank"),
                Arguments.of("identifiers", "{\"DOI\": \"10.1/x\"}", "identifiers.DOI",
                        "invalid identifier scheme 'DOI'"),
                Arguments.of("identifiers", "{\"my scheme\": \"1\"}", "identifiers[\"my scheme\"]",
                        "invalid identifier scheme 'my scheme'"),
                Arguments.of("identifiers", "{\"x\": \"1\"}", "identifiers.x", "invalid identifier scheme 'x'"),
                // venue
                Arguments.of("venue", "\"arXiv\"", "venue", "must be an object"),
                Arguments.of("venue.name", null, "venue.name", "is required and must not be blank"),
                Arguments.of("venue.id", "\"S4306400194\"", "venue.id", "must be a scheme-prefixed id"),
                Arguments.of("venue.issn", "\"1364-0322\"", "venue.issn", "ISSN check digit does not match"),
                // authorships
                Arguments.of("authorships", null, "authorships", "is required and must list at least one author"),
                Arguments.of("authorships", "[]", "authorships", "is required and must list at least one author"),
                Arguments.of("authorships", "{}", "authorships", "must be an array"),
                Arguments.of("authorships[1]", "\"OECD\"", "authorships[1]", "must be an object"),
                Arguments.of("authorships[1].name", null, "authorships[1].name", "is required and must not be blank"),
                Arguments.of("authorships[1].name", "\" \\u202C \"", "authorships[1].name",
                        "is required and must not be blank"),
                Arguments.of("authorships[1].name", "\"" + "n".repeat(1001) + "\"", "authorships[1].name",
                        "is 1001 characters long; at most 1000 are accepted"),
                Arguments.of("authorships[0].ids.orcid", "\"0000-0001-7056-6324\"", "authorships[0].ids.orcid",
                        "ORCID check digit does not match"),
                Arguments.of("authorships[0].ids.orcid", "\"7056-6323\"", "authorships[0].ids.orcid",
                        "must be an ORCID iD"),
                Arguments.of("authorships[0].ids.orcid", "70566323", "authorships[0].ids.orcid", "must be a string"),
                Arguments.of("authorships[0].ids.openalex", "\"W4399880781\"", "authorships[0].ids.openalex",
                        "must be an OpenAlex author (A...) id, not W4399880781"),
                Arguments.of("authorships[0].ids", "{\"ORCID\": \"0000-0001-7056-6323\"}", "authorships[0].ids.ORCID",
                        "invalid identifier scheme 'ORCID'"),
                Arguments.of("authorships[1].ids", "{\"orcid\": \"https://orcid.org/0000-0001-7056-6323\"}",
                        "authorships[1].ids.orcid", "the same author id is already at authorships[0].ids.orcid"),
                Arguments.of("authorships[0].institutions", "{}", "authorships[0].institutions", "must be an array"),
                Arguments.of("authorships[0].institutions[0].name", null, "authorships[0].institutions[0].name",
                        "is required and must not be blank"),
                Arguments.of("authorships[0].institutions[0].id", "\"I134085113\"", "authorships[0].institutions[0].id",
                        "must be a scheme-prefixed id such as openalex:I123"),
                Arguments.of("authorships[0].institutions[0].ror", "\"KFUPM\"", "authorships[0].institutions[0].ror",
                        "must be a ROR id"),
                Arguments.of("authorships[0].institutions[0].countryCode", "\"SAU\"",
                        "authorships[0].institutions[0].countryCode", "must be an ISO 3166-1 alpha-2 country code"),
                Arguments.of("authorships[0].corresponding", "\"yes\"", "authorships[0].corresponding",
                        "must be true or false"),
                // topics
                Arguments.of("topics", "{}", "topics", "must be an array"),
                Arguments.of("topics[0]", "\"Recommender systems\"", "topics[0]", "must be an object"),
                Arguments.of("topics[0].name", null, "topics[0].name", "is required and must not be blank"),
                Arguments.of("topics[0].score", "1.5", "topics[0].score", "must be a number between 0 and 1"),
                Arguments.of("topics[1].score", "\"0.9\"", "topics[1].score", "must be a number between 0 and 1"),
                Arguments.of("topics[1].id", "\"openalex:W1\"", "topics[1].id", "must be an OpenAlex topic (T...) "
                        + "or concept (C...) id, not W1"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @MethodSource("rejections")
    void eachMalformedFieldIsRejectedByItsPath(String path, String value, String field, String reason) {
        assertRejected(mutated(path, value), field, reason);
    }

    @Test
    void authorshipsBeyondTheCapAreNotReadAndTheWorkIsFlaggedAsTruncated() {
        ObjectNode record = COMPLETE.deepCopy();
        var authorships = record.putArray("authorships");
        for (int i = 0; i < 12; i++) {
            authorships.addObject().put("name", "Author " + i);
        }
        authorships.add("not even an object");
        RecordLimits tenAuthors = new RecordLimits(4000, 100_000, 1000, 1000, 10, 32, 1_000_000, 1000, 1);

        SubmittedWork work = new BzpeerWorkFormat(tenAuthors).parse(record);

        assertThat(work.authorships()).hasSize(10).last().extracting(SubmittedAuthorship::name).isEqualTo("Author 9");
        assertThat(work.authorshipsTruncated()).isTrue();
        assertThat(work.listedAuthorshipCount()).isEqualTo(13);
        assertThat(FORMAT.parse(COMPLETE).authorshipsTruncated()).isFalse();
        assertThat(FORMAT.parse(COMPLETE).listedAuthorshipCount()).isNull();
    }

    @Test
    void problemsAreReportedOneAtATimeInTheOrderOfTheFormat() {
        ObjectNode record = mutated("authorships[1].name", null);
        record.put("title", " ");

        assertRejected(record, "title", "is required and must not be blank");
    }

    private static void assertRejected(JsonNode record, String field, String reason) {
        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> FORMAT.parse(record))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.reason()).contains(reason));
    }

    private static ObjectNode mutated(String path, String json) {
        return TestRecords.mutated(COMPLETE, path, json);
    }

    private static JsonNode json(String json) {
        return TestRecords.json(json);
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        return Map.entry(key, value);
    }
}
