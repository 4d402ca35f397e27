package org.bzpeer.ingest.work.format;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A JSON value together with its path from the record root ({@code authorships[2].ids.orcid}), so that every
 * rejection names the field, and the {@link RecordLimits} its strings are held to. JSON {@code null} and a missing
 * property both count as absent; a present value of the wrong JSON type is always rejected, never coerced.
 */
final class JsonField {

    /** The path reported for the record itself. */
    static final String ROOT = "$";

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    /** The field this one is a property or element of; null for the record root. */
    private final JsonField parent;
    /** The property name, or null for an array element. */
    private final String name;
    /** The element index, for an array element. */
    private final int index;
    private final JsonNode node;
    private final RecordLimits limits;

    /**
     * The path is only spelled out when a field is rejected ({@link #path()}): reading a record creates a field per
     * value, and most records are valid.
     */
    private JsonField(JsonField parent, String name, int index, JsonNode node, RecordLimits limits) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.node = node;
        this.limits = limits;
    }

    /** The record root; rejects anything that is not a JSON object. */
    static JsonField root(JsonNode record, RecordLimits limits) {
        JsonField root = new JsonField(null, null, 0, record, limits);
        if (root.absent() || !record.isObject()) {
            throw root.reject("the record must be a JSON object");
        }
        return root;
    }

    /** The path of property {@code name} of the value at {@code parent} ("" for the record root). */
    static String propertyPath(String parent, String name) {
        return PLAIN_KEY.matcher(name).matches()
                ? (parent.isEmpty() ? name : parent + "." + name)
                : parent + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /** The path of element {@code index} of the array at {@code parent} ("" for the record root). */
    static String elementPath(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code path} as reported: {@value #ROOT} for the record itself. */
    static String reported(String path) {
        return path.isEmpty() ? ROOT : path;
    }

    String path() {
        return reported(relativePath());
    }

    /** The path from the record root, "" for the root itself. */
    private String relativePath() {
        if (parent == null) {
            return "";
        }
        return name != null ? propertyPath(parent.relativePath(), name) : elementPath(parent.relativePath(), index);
    }

    /** The property {@code name} of this object (absent when this is absent). */
    JsonField get(String name) {
        return new JsonField(this, name, 0, absent() ? null : node.get(name), limits);
    }

    boolean absent() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    RejectedRecordException reject(String reason) {
        return new RejectedRecordException(path(), reason);
    }

    /** This value as a string of at most {@code maxLength} characters, or null when absent. */
    private String string(int maxLength) {
        if (absent()) {
            return null;
        }
        if (!node.isString()) {
            throw reject("must be a string");
        }
        String value = node.stringValue();
        if (value.length() > maxLength) {
            throw reject("is " + value.length() + " characters long; at most " + maxLength + " are accepted");
        }
        return value;
    }

    /**
     * This value as a single-line text of at most {@link RecordLimits#maxNameLength} characters, cleaned by
     * {@link Normalize#text}, or null when absent or blank.
     */
    String text() {
        return text(limits.maxNameLength());
    }

    /** This value as a single-line text of at most {@code maxLength} characters; null when absent or blank. */
    String text(int maxLength) {
        return Normalize.text(string(maxLength));
    }

    /** Like {@link #text()}, and rejects it when absent or blank. */
    String requiredText() {
        return requiredText(limits.maxNameLength());
    }

    /** Like {@link #text(int)}, and rejects it when absent or blank. */
    String requiredText(int maxLength) {
        String value = text(maxLength);
        if (value == null) {
            throw reject("is required and must not be blank");
        }
        return value;
    }

    /**
     * This string as received, of at most {@link RecordLimits#maxAbstractLength} characters, for a format that must
     * see its layout before cleaning it; null when absent.
     */
    String uncleanedText() {
        return string(limits.maxAbstractLength());
    }

    /** This value as an abstract ({@link Normalize#longText}), or null when absent or blank. */
    String longText() {
        return Normalize.longText(string(limits.maxAbstractLength()));
    }

    /**
     * This string, of at most {@link RecordLimits#maxIdentifierLength} characters, normalised by {@code normaliser},
     * or null when absent; a normaliser's refusal names this field.
     */
    <T> T normalised(Function<String, T> normaliser) {
        String value = string(limits.maxIdentifierLength());
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

    /** This value as a {@link RecordLimits#isPlausibleYear plausible} publication year, or null when absent. */
    Integer year() {
        if (absent()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || !limits.isPlausibleYear(node.intValue())) {
            throw reject(limits.yearRule());
        }
        return node.intValue();
    }

    /** This value as a date {@code yyyy-MM-dd} in a plausible year, or null when absent. */
    LocalDate date() {
        LocalDate date = normalised(Normalize::date);
        if (date != null && !limits.isPlausibleYear(date.getYear())) {
            throw reject("must be a date yyyy-MM-dd with a year between " + limits.minPublicationYear() + " and "
                    + limits.maxPublicationYear());
        }
        return date;
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
        return elements(Integer.MAX_VALUE);
    }

    /** The first {@code limit} elements of this array; empty when absent; rejects a non-array. */
    List<JsonField> elements(int limit) {
        List<JsonField> out = new ArrayList<>();
        int size = size();
        for (int i = 0; i < size && i < limit; i++) {
            out.add(new JsonField(this, null, i, node.get(i), limits));
        }
        return out;
    }

    /** The number of elements of this array; 0 when absent; rejects a non-array. */
    int size() {
        if (absent()) {
            return 0;
        }
        if (!node.isArray()) {
            throw reject("must be an array");
        }
        return node.size();
    }

    /** The underlying node; null when absent. */
    JsonNode node() {
        return absent() ? null : node;
    }
}
