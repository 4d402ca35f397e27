package org.bzpeer.deploy.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reading YAML and JSON files into Jackson trees; a multi-document YAML stream becomes one tree per document. */
final class Yaml {

    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Yaml() {
    }

    /** Every non-empty document of a YAML stream, in order. */
    static List<JsonNode> documents(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    static List<JsonNode> documents(Path file) {
        return documents(read(file));
    }

    static JsonNode tree(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? JSON.readTree(read(file)) : YAML.readTree(read(file));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text at a dotted path of nested objects ({@code a.b.c}), or {@code null} where any step is missing. */
    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(step);
        }
        return current == null || current.isNull() || current.isContainer() ? null : current.asString();
    }
}
