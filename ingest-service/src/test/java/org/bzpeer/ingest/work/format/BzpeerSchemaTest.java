package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bzpeer.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of the {@code bzpeer} format ({@code static/api/v1/works/schema.json}, served at
 * {@code /api/v1/works/schema.json}) agrees with {@link BzpeerWorkFormat}: it is a valid draft 2020-12 schema; its
 * examples, our test record and the local demo's works are valid by it and import; what the format rejects for a
 * required field or a malformed value is invalid by it; and records the schema accepts import.
 */
class BzpeerSchemaTest {

    private static final String SCHEMA_RESOURCE = "/static/api/v1/works/schema.json";
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonNode SCHEMA_NODE = schemaNode();
    private static final Schema SCHEMA = REGISTRY.getSchema(SCHEMA_NODE);
    private static final BzpeerWorkFormat FORMAT = new BzpeerWorkFormat(TestRecords.LIMITS);
    private static final ObjectNode COMPLETE = (ObjectNode) SCHEMA_NODE.get("examples").get(1);

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(SCHEMA_NODE)).isEmpty();
    }

    @Test
    void theTypesAreTheWorkTypeVocabulary() {
        List<String> schemaTypes = new ArrayList<>();
        SCHEMA_NODE.get("properties").get("type").get("enum").forEach(type -> schemaTypes.add(type.asString()));

        assertThat(schemaTypes).containsExactlyElementsOf(Arrays.stream(WorkType.values()).map(WorkType::code)
                .toList());
    }

    @Test
    void theExamplesOurTestRecordAndTheDemoWorksAreValidAndImport() {
        List<JsonNode> records = new ArrayList<>();
        SCHEMA_NODE.get("examples").forEach(records::add);
        records.add(TestRecords.resource("bzpeer-complete.json"));
        TestRecords.MAPPER.readTree(SharedData.repositoryFile("deploy/local/demo/carole-jean-wu.works.json"))
                .forEach(records::add);

        assertThat(records).hasSize(2 + 1 + 26).allSatisfy(record -> {
            assertThat(errors(record)).isEmpty();
            assertThatCode(() -> FORMAT.parse(record)).doesNotThrowAnyException();
        });
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', nullValues = "absent", value = {
            "type | absent", "type | null", "type | \"journal-article\"", "type | \"\"",
            "title | absent", "title | null", "title | \"   \"", "title | 42",
            "authorships | absent", "authorships | []", "authorships | {}", "authorships[1] | \"Ada\"",
            "authorships[1].name | absent", "authorships[1].name | \"\"",
            "venue.name | absent", "authorships[0].institutions[0].name | null", "topics[0].name | absent",
            "identifiers.doi | \"not a doi\"", "identifiers.doi | \"10.1/x/\"", "identifiers.arxiv | \"2301\"",
            "identifiers.openalex | \"A5000180362\"", "identifiers | []",
            "authorships[0].ids.orcid | \"0000-0001-7056\"", "authorships[0].ids.openalex | \"W123\"",
            "authorships[0].institutions[0].ror | \"ror.org/x\"",
            "authorships[0].institutions[0].countryCode | \"SAU\"",
            "publicationYear | \"2023\"", "publicationYear | 999", "publicationDate | \"2023-13-01\"",
            "language | \"eng\"", "retracted | \"no\"", "topics[0].score | 1.5", "venue | \"arXiv\"",
            "venue.issn | \"1234\"", "venue.id | \"S123\""})
    void whatTheFormatRejectsTheSchemaRejects(String path, String json) {
        ObjectNode record = TestRecords.mutated(COMPLETE, path, json);

        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> FORMAT.parse(record));
        assertThat(errors(record)).as("schema errors for %s = %s", path, json).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', nullValues = "absent", value = {
            "identifiers | absent", "identifiers | null", "identifiers.doi | null", "identifiers.my-pipeline | null",
            "identifiers.doi | \"doi:10.1/X\"", "identifiers.arxiv | \"https://arxiv.org/abs/cs/0112017v1\"",
            "publicationYear | absent", "publicationDate | null", "venue | null", "venue.type | null",
            "abstract | null", "language | \"EN\"", "retracted | true", "topics | null", "topics | []",
            "authorships[0].ids | null", "authorships[0].ids.orcid | \"0000000170566323\"",
            "authorships[0].institutions | null", "authorships[0].corresponding | null", "topics[0].score | null",
            "unknown | {\"anything\": [1]}"})
    void whatTheSchemaAcceptsTheFormatImports(String path, String json) {
        ObjectNode record = TestRecords.mutated(COMPLETE, path, json);

        assertThat(errors(record)).isEmpty();
        assertThatCode(() -> FORMAT.parse(record)).doesNotThrowAnyException();
    }

    private static List<Error> errors(JsonNode record) {
        return SCHEMA.validate(record);
    }

    private static JsonNode schemaNode() {
        try (InputStream in = BzpeerSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return TestRecords.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
