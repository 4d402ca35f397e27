package org.bzpeer.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when a schema change breaks full transitive compatibility: every kept version and the current
 * schema must read data written by every other, in both directions.
 */
class SchemaCompatibilityTest {

    static Stream<Topic<?>> topics() {
        return Topics.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void newestKeptVersionIsTheCurrentSchema(Topic<?> topic) {
        List<Schema> kept = SchemaHistory.keptVersions(topic.valueType());
        Schema current = SchemaHistory.currentSchema(topic.valueType());

        assertThat(kept).as("kept versions of %s", topic.valueType().getSimpleName()).isNotEmpty();
        assertThat(SchemaNormalization.toParsingForm(kept.get(kept.size() - 1)))
                .as("%s changed: keep the new schema as the next v<N>.avsc in schemas/src/main/resources/"
                        + "org/bzpeer/schemas/history/%s", topic.valueType().getSimpleName(),
                        topic.valueType().getSimpleName())
                .isEqualTo(SchemaNormalization.toParsingForm(current));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyVersionReadsEveryOtherInBothDirections(Topic<?> topic) {
        List<Schema> versions = new ArrayList<>(SchemaHistory.keptVersions(topic.valueType()));
        versions.add(SchemaHistory.currentSchema(topic.valueType()));

        for (int reader = 0; reader < versions.size(); reader++) {
            for (int writer = 0; writer < versions.size(); writer++) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(
                        versions.get(reader), versions.get(writer));
                assertThat(result.getType())
                        .as("%s: version %d reading version %d: %s", topic.valueType().getSimpleName(),
                                reader + 1, writer + 1, result.getDescription())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }
}
