package org.bzpeer.ingest.work.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** Test records: read from {@code src/test/resources/format} or inline JSON, and copies with one field changed. */
final class TestRecords {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** The record limits the service runs with by default. */
    static final RecordLimits LIMITS = RecordLimits.defaults();

    private TestRecords() {
    }

    static ObjectNode resource(String name) {
        try (InputStream in = TestRecords.class.getResourceAsStream("/format/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource format/" + name);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String json) {
        return MAPPER.readTree(json);
    }

    /**
     * A copy of {@code record} with the value at {@code path} ({@code authorships[1].ids.orcid}) replaced by the JSON
     * text {@code json}; an object property is removed, an array element set to null, when {@code json} is null.
     */
    static ObjectNode mutated(ObjectNode record, String path, String json) {
        ObjectNode copy = record.deepCopy();
        List<String> segments = new ArrayList<>(List.of(path.replace("[", ".[").split("\\.")));
        String last = segments.remove(segments.size() - 1);
        JsonNode parent = copy;
        for (String segment : segments) {
            parent = segment.startsWith("[") ? parent.get(index(segment)) : parent.get(segment);
        }
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(index(last), json == null ? NullNode.getInstance() : json(json));
        } else if (json == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, json(json));
        }
        return copy;
    }

    private static int index(String segment) {
        return Integer.parseInt(segment.substring(1, segment.length() - 1));
    }
}
