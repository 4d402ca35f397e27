package org.bzpeer.ingest.work.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A JSON value together with its path from the record root ({@code authorships[2].ids.orcid}), so that every
 * rejection names the field. JSON {@code null} and a missing property both count as absent; a present value of the
 * wrong JSON type is always rejected, never coerced.
 */
final class JsonField {

    /** The path reported for the record itself. */
    static final String ROOT = "$";

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final String path;
    private final JsonNode node;

    private JsonField(String path, JsonNode node) {
        this.path = path;
        this.node = node;
    }

    /** The record root; rejects anything that is not a JSON object. */
    static JsonField root(JsonNode record) {
        JsonField root = new JsonField("", record);
        if (root.absent() || !record.isObject()) {
            throw root.reject("the record must be a JSON object");
        }
        return root;
    }

    String path() {
        return path.isEmpty() ? ROOT : path;
    }

    /** The property {@code name} of this object (absent when this is absent). */
    JsonField get(String name) {
        String childPath = PLAIN_KEY.matcher(name).matches()
                ? (path.isEmpty() ? name : path + "." + name)
                : path + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        return new JsonField(childPath, absent() ? null : node.get(name));
    }

    boolean absent() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    RejectedRecordException reject(String reason) {
        return new RejectedRecordException(path(), reason);
    }

    /** This value as a string, or null when absent. */
    String string() {
        if (absent()) {
            return null;
        }
        if (!node.isString()) {
            throw reject("must be a string");
        }
        return node.stringValue();
    }

    /** This value as a single-line text cleaned by {@link Normalize#text}, or null when absent or blank. */
    String text() {
        return Normalize.text(string());
    }

    /** This value as a single-line text cleaned by {@link Normalize#text}; rejects it when absent or blank. */
    String requiredText() {
        String value = text();
        if (value == null) {
            throw reject("is required and must not be blank");
        }
        return value;
    }

    /** This string normalised by {@code normaliser}, or null when absent; a normaliser's refusal names this field. */
    <T> T normalised(Function<String, T> normaliser) {
        String value = string();
        if (value == null) {
            return null;
        }
        try {
            return normaliser.apply(value);
        } catch (IllegalArgumentException e) {
            throw reject(e.getMessage());
        }
    }

    /** This value as a boolean, or {@code absentValue} when absent. */
    boolean bool(boolean absentValue) {
        if (absent()) {
            return absentValue;
        }
        if (!node.isBoolean()) {
            throw reject("must be true or false");
        }
        return node.booleanValue();
    }

    /** This value as a plausible publication year, or null when absent. */
    Integer year() {
        if (absent()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || !Normalize.isPlausibleYear(node.intValue())) {
            throw reject(Normalize.yearRule());
        }
        return node.intValue();
    }

    /** This value as a number within [0, 1], or null when absent. */
    Double score() {
        if (absent()) {
            return null;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
            throw reject("must be a number between 0 and 1");
        }
        return node.doubleValue();
    }

    /** Whether this is present and a JSON object; rejects any other present value. */
    boolean isObject() {
        if (absent()) {
            return false;
        }
        if (!node.isObject()) {
            throw reject("must be an object");
        }
        return true;
    }

    /** This field, after rejecting a present value that is not a JSON object. */
    JsonField objectOrAbsent() {
        isObject();
        return this;
    }

    /** The properties of this object in document order; empty when absent; rejects a non-object. */
    Map<String, JsonField> properties() {
        Map<String, JsonField> out = new LinkedHashMap<>();
        if (isObject()) {
            for (String name : node.propertyNames()) {
                out.put(name, get(name));
            }
        }
        return out;
    }

    /** The elements of this array; empty when absent; rejects a non-array. */
    List<JsonField> elements() {
        List<JsonField> out = new ArrayList<>();
        if (absent()) {
            return out;
        }
        if (!node.isArray()) {
            throw reject("must be an array");
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonField(path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** The underlying node; null when absent. */
    JsonNode node() {
        return absent() ? null : node;
    }
}
