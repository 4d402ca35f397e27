package org.bzpeer.ingest.work.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Writes, deterministically, records in our JSON format for the bad-input test: malformed ones of every kind issue 6
 * lists (truncated JSON, wrong types, invalid UTF-8, control characters, byte order marks, 10 MB strings, records
 * over the size limit, deep nesting, too many tokens, duplicate keys, impossible years, malformed DOIs and ORCIDs,
 * fields over their length limit, missing fields) mixed with good ones (plain, with Unicode line separators and
 * escaped control characters, with a BOM at the start of the line, and with 50,000 authorships), each with the answer
 * the service must give: the field and a fragment of the reason for a bad record, the DOI for a good one. A field that
 * ends with {@code *} is a prefix (deep nesting stops at a depth-long path). Records are written only when their
 * bytes are asked for, and the long strings of the heavy ones (10 and 17 MB) as one shared 1 MiB chunk repeated, so
 * neither the corpus nor a client streaming it holds them in memory.
 */
final class MalformedCorpus {

    /** One record: its bytes on demand, in chunks, and what must become of it. */
    record Entry(String kind, Supplier<List<byte[]>> chunks, String doi, String field, String reason) {

        static Entry of(String kind, Supplier<byte[]> bytes, String doi, String field, String reason) {
            return new Entry(kind, () -> List.of(bytes.get()), doi, field, reason);
        }

        /** The record's bytes in one array. */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            chunks.get().forEach(out::writeBytes);
            return out.toByteArray();
        }

        boolean good() {
            return field == null;
        }

        /** Whether the service's {@code field} and {@code reason} are the ones predicted. */
        boolean matches(String actualField, String actualReason) {
            boolean fieldMatches = field.endsWith("*")
                    ? actualField.startsWith(field.substring(0, field.length() - 1))
                    : actualField.equals(field);
            return fieldMatches && actualReason.contains(reason);
        }
    }

    /** Bytes of the title of a 10 MB string record. */
    static final int HUGE_STRING_BYTES = 10 * 1024 * 1024;
    /** Bytes of a record over the 16 MB record limit. */
    static final int OVERSIZED_RECORD_BYTES = 17 * 1024 * 1024;
    /** Authorships of the works with a very long author list. */
    static final int MANY_AUTHORSHIPS = 50_000;

    private static final byte[] FILLER = "x".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
    private static final String YEAR_RULE = "must be an integer between 1000 and "
            + (Year.now(ZoneOffset.UTC).getValue() + 1);
    private static final String STRING_LIMIT = "exceeds the maximum allowed (100000)";

    private final String run;
    private final Random random;
    private int serial;

    MalformedCorpus(String run, long seed) {
        this.run = run;
        this.random = new Random(seed);
    }

    /** The DOI prefix of every good record of this corpus. */
    String doiPrefix() {
        return "10.5555/" + run + "-";
    }

    /**
     * {@code bad} malformed records of the light kinds, each followed with probability 1/2 by a good one, in a
     * deterministic order. {@code inArray}: only kinds that keep a JSON array readable (no truncated records).
     */
    List<Entry> mixed(int bad, boolean inArray) {
        List<IntFunction<Entry>> kinds = new ArrayList<>(lightBadKinds());
        if (!inArray) {
            kinds.addAll(truncatedKinds());
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < bad; i++) {
            out.add(kinds.get(random.nextInt(kinds.size())).apply(++serial));
            if (random.nextBoolean()) {
                out.add(good());
            }
        }
        return out;
    }

    /** Records with a 10 MB string: a title, an abstract, an author's name and a property the format ignores. */
    List<Entry> hugeStrings() {
        List<Entry> out = new ArrayList<>();
        for (String field : List.of("title", "abstract", "notes")) {
            out.add(hugeString(field));
        }
        Work hugeName = work(++serial).authorshipsRaw(List.of("{\"name\": \"@\"}"));
        out.add(new Entry("huge-string", () -> hugeName.chunks("@", HUGE_STRING_BYTES), null, "authorships[0].name",
                STRING_LIMIT));
        return out;
    }

    /** Records nested 10,000 deep (arrays, objects) and one of 2.2 million tokens. */
    List<Entry> deepOrWide() {
        int depth = 10_000;
        int n = ++serial;
        return List.of(
                Entry.of("deep-array", () -> work(n).put("topics", "[".repeat(depth) + "]".repeat(depth)).bytes(),
                        null, "topics[0][0]*", "nesting depth (33) exceeds the maximum allowed (32)"),
                Entry.of("deep-object", () -> work(n).put("venue", "{\"x\": ".repeat(depth) + "1"
                        + "}".repeat(depth)).bytes(), null, "venue.x.x*",
                        "nesting depth (33) exceeds the maximum allowed (32)"),
                Entry.of("many-tokens", () -> work(n).put("topics", "[" + "1,".repeat(1_100_000) + "1]").bytes(),
                        null, "topics[*", "exceeds the maximum allowed (1000000)"));
    }

    /** A record over the record size limit (NDJSON: skipped to its end, then reading goes on). */
    Entry oversized() {
        int n = ++serial;
        return new Entry("oversized", () -> work(n).put("abstract", "\"@\"").chunks("@", OVERSIZED_RECORD_BYTES),
                null, "$", "bytes long; at most 16777216 are accepted");
    }

    /** A good work listing {@link #MANY_AUTHORSHIPS} authors; kept truncated at the cap. */
    Entry manyAuthorships() {
        int n = ++serial;
        String doi = doi(n);
        return Entry.of("many-authorships", () -> {
            List<String> authors = new ArrayList<>(MANY_AUTHORSHIPS);
            for (int i = 0; i < MANY_AUTHORSHIPS; i++) {
                authors.add("{\"name\": \"Collaborator " + i + "\"}");
            }
            return work(n).authorshipsRaw(authors).bytes();
        }, doi, null, null);
    }

    /** A good record. */
    Entry good() {
        int n = ++serial;
        Work work = work(n);
        String kind = switch (n % 5) {
            case 0 -> {
                work.put("title", "\"Séance\u2028sur les données 🧪 " + n + "\"");
                yield "good-unicode";
            }
            case 1 -> {
                work.put("title", "\"Bell\\u0007 and escape\\u001B characters " + n + "\"");
                yield "good-escaped-controls";
            }
            case 2 -> {
                work.authorshipsRaw(List.of("{\"name\": \"Ayrancı " + n + "\", \"ids\": {\"orcid\": \""
                        + orcid(n) + "\"}}"));
                yield "good-orcid";
            }
            case 3 -> {
                work.put("publicationDate", "\"2024-03-01\"");
                yield "good-dated";
            }
            default -> "good";
        };
        if (n % 7 == 0) {
            return Entry.of("good-bom-at-line-start", () -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
                    (byte) 0xBF}, work.bytes()), doi(n), null, null);
        }
        return Entry.of(kind, work::bytes, doi(n), null, null);
    }

    private List<IntFunction<Entry>> lightBadKinds() {
        return List.of(
                // wrong types
                n -> bad("wrong-type", work(n).put("publicationYear", "\"2020\""), "publicationYear", YEAR_RULE),
                n -> bad("wrong-type", work(n).put("title", "42"), "title", "must be a string"),
                n -> bad("wrong-type", work(n).put("authorships", "{\"name\": \"A\"}"), "authorships",
                        "must be an array"),
                n -> bad("wrong-type", work(n).put("retracted", "\"no\""), "retracted", "must be true or false"),
                n -> bad("wrong-type", work(n).authorshipsRaw(List.of("{\"name\": 7}")), "authorships[0].name",
                        "must be a string"),
                n -> bad("wrong-type", work(n).put("identifiers", "{\"doi\": 10.1}"), "identifiers.doi",
                        "must be a string"),
                n -> Entry.of("wrong-type", () -> "[1, 2]".getBytes(StandardCharsets.UTF_8), null, "$",
                        "the record must be a JSON object"),
                // invalid UTF-8
                n -> invalidUtf8(n, new byte[] {(byte) 0xC3, (byte) 0x28}, "title", "Invalid UTF-8"),
                n -> invalidUtf8(n, new byte[] {(byte) 0x80}, "title", "Invalid UTF-8"),
                n -> invalidUtf8(n, new byte[] {(byte) 0xFF}, "title", "Invalid UTF-8"),
                n -> invalidUtf8(n, new byte[] {(byte) 0xC0, (byte) 0xAF}, "$", "not valid UTF-8: the byte 0xC0"),
                n -> invalidUtf8(n, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "title", "Invalid UTF-8"),
                // control characters
                n -> Entry.of("raw-control-character", () -> work(n).put("title", "\"Bell@\"").bytes("@",
                        new byte[] {0x07}), null, "title", "Illegal unquoted character"),
                n -> bad("control-in-identifier", work(n).put("identifiers", "{\"doi\": \"" + doi(n) + "\\u0007\"}"),
                        "identifiers.doi", "must not contain control characters"),
                n -> bad("control-in-identifier", work(n).authorshipsRaw(List.of(
                        "{\"name\": \"A\", \"ids\": {\"orcid\": \"0000-0002-1825-009\\u00007\"}}")),
                        "authorships[0].ids.orcid", "must not contain control characters"),
                // byte order mark inside a record
                n -> Entry.of("bom-inside", () -> work(n).put("title", "@\"Title\"").bytes("@",
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), null, "title",
                        "Invalid UTF-8 start byte 0xbb"),
                // duplicate keys
                n -> bad("duplicate-key", work(n).extraRaw("\"title\": \"Again\""), "title",
                        "Duplicate Object property \"title\""),
                n -> bad("duplicate-key", work(n).put("identifiers", "{\"doi\": \"" + doi(n) + "\", \"doi\": \""
                        + doi(n) + "\"}"), "identifiers.doi", "Duplicate Object property \"doi\""),
                n -> bad("duplicate-key", work(n).authorshipsRaw(List.of("{\"name\": \"A\", \"name\": \"B\"}")),
                        "authorships[0].name", "Duplicate Object property \"name\""),
                // impossible years and dates
                n -> bad("impossible-year", work(n).put("publicationYear", "999"), "publicationYear", YEAR_RULE),
                n -> bad("impossible-year", work(n).put("publicationYear", "3000"), "publicationYear", YEAR_RULE),
                n -> bad("impossible-year", work(n).put("publicationYear", "-5"), "publicationYear", YEAR_RULE),
                n -> bad("impossible-year", work(n).put("publicationYear", "2024.5"), "publicationYear", YEAR_RULE),
                n -> bad("impossible-year", work(n).put("publicationYear", "1e10"), "publicationYear", YEAR_RULE),
                n -> bad("impossible-year", work(n).put("publicationYear", "99999999999999999999"), "publicationYear",
                        YEAR_RULE),
                n -> bad("impossible-date", work(n).put("publicationYear", "null").put("publicationDate",
                        "\"0999-05-01\""), "publicationDate", "with a year between 1000 and"),
                n -> bad("impossible-date", work(n).put("publicationDate", "\"2024-02-30\""), "publicationDate",
                        "must be a date yyyy-MM-dd"),
                n -> bad("impossible-date", work(n).put("publicationDate", "\"2023-12-31\""), "publicationDate",
                        "does not match publicationYear 2024"),
                // malformed DOIs
                n -> malformedDoi(n, "11.1234/x" + n),
                n -> malformedDoi(n, "10.1234"),
                n -> malformedDoi(n, "doi:"),
                n -> malformedDoi(n, "10.1234/ab cd " + n),
                n -> malformedDoi(n, "https://doi.org/"),
                n -> malformedDoi(n, "urn:isbn:978" + n),
                // malformed ORCIDs
                n -> malformedOrcid(n, "0000-0002-1825-0098", "ORCID check digit does not match"),
                n -> malformedOrcid(n, "0000-0002-1825", "must be an ORCID iD"),
                n -> malformedOrcid(n, "https://orcid.org/0000-0002-1825-009", "must be an ORCID iD"),
                n -> malformedOrcid(n, "orcid:ABCD-0002-1825-0097", "must be an ORCID iD"),
                // fields over their length limit
                n -> bad("long-field", work(n).put("title", quotedRepeat('t', 4_001 + n % 1000)), "title",
                        "at most 4000 are accepted"),
                n -> bad("long-field", work(n).authorshipsRaw(List.of("{\"name\": " + quotedRepeat('n', 1_500)
                        + "}")), "authorships[0].name", "is 1500 characters long; at most 1000 are accepted"),
                // missing fields and records that are not works
                n -> bad("missing-field", work(n).remove("type"), "type", "is required and must not be blank"),
                n -> bad("missing-field", work(n).put("authorships", "[]"), "authorships",
                        "is required and must list at least one author"),
                n -> Entry.of("not-an-object", () -> ("\"work " + n + "\"").getBytes(StandardCharsets.UTF_8), null,
                        "$", "the record must be a JSON object"));
    }

    private List<IntFunction<Entry>> truncatedKinds() {
        return List.of(
                n -> truncated(n, "\"title\": \"Work", "title"),
                n -> truncated(n, "\"type\": \"art", "type"),
                n -> truncated(n, "\"authorships\": [{\"name\": \"Author", "authorships[0].name"),
                n -> truncated(n, "\"authorships\": [", "authorships[0]"),
                n -> truncated(n, "\"venue\": {\"name\": \"Jour", "venue.name"),
                n -> truncated(n, "\"publicationYear\": 20", "publicationYear"));
    }

    private Entry truncated(int n, String cutAfter, String field) {
        byte[] whole = work(n).bytes();
        String text = new String(whole, StandardCharsets.UTF_8);
        int cut = text.indexOf(cutAfter) + cutAfter.length();
        return Entry.of("truncated-json", () -> text.substring(0, cut).getBytes(StandardCharsets.UTF_8), null, field,
                "Unexpected end-of-input");
    }

    private Entry hugeString(String field) {
        int n = ++serial;
        return new Entry("huge-string", () -> work(n).put(field, "\"@\"").chunks("@", HUGE_STRING_BYTES), null,
                field, STRING_LIMIT);
    }

    private Entry invalidUtf8(int n, byte[] invalid, String field, String reason) {
        return Entry.of("invalid-utf8", () -> work(n).put("title", "\"Work @ " + n + "\"").bytes("@", invalid),
                null, field, reason);
    }

    private Entry malformedDoi(int n, String doi) {
        return bad("malformed-doi", work(n).put("identifiers", "{\"doi\": \"" + doi + "\"}"), "identifiers.doi",
                "must be a DOI");
    }

    private Entry malformedOrcid(int n, String orcid, String reason) {
        return bad("malformed-orcid", work(n).authorshipsRaw(List.of("{\"name\": \"A\", \"ids\": {\"orcid\": \""
                + orcid + "\"}}")), "authorships[0].ids.orcid", reason);
    }

    private static Entry bad(String kind, Work work, String field, String reason) {
        return Entry.of(kind, work::bytes, null, field, reason);
    }

    private String doi(int n) {
        return doiPrefix() + n;
    }

    private Work work(int n) {
        return new Work()
                .put("identifiers", "{\"doi\": \"" + doi(n) + "\"}")
                .put("type", "\"article\"")
                .put("publicationYear", "2024")
                .put("title", "\"Work " + n + " of " + run + "\"")
                .put("venue", "{\"name\": \"Journal of Bad Input\"}")
                .authorshipsRaw(List.of("{\"name\": \"Author " + n % 397 + "\"}"));
    }

    /** A valid ORCID iD derived from {@code n}, with its ISO 7064 11,2 check digit. */
    static String orcid(int n) {
        String digits = String.format("0000000%08d", n);
        int total = 0;
        for (char c : digits.toCharArray()) {
            total = (total + c - '0') * 2;
        }
        int check = (12 - total % 11) % 11;
        return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8, 12) + "-"
                + digits.substring(12) + (check == 10 ? "X" : String.valueOf(check));
    }

    private static String quotedRepeat(char c, int count) {
        return "\"" + String.valueOf(c).repeat(count) + "\"";
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    /** A record in our format, property by property as raw JSON. */
    private static final class Work {

        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> extra = new ArrayList<>();

        Work put(String name, String rawJson) {
            properties.put(name, rawJson);
            return this;
        }

        Work remove(String name) {
            properties.remove(name);
            return this;
        }

        Work authorshipsRaw(List<String> authorships) {
            return put("authorships", "[" + String.join(", ", authorships) + "]");
        }

        /** A property written after the others, even when its name is already there. */
        Work extraRaw(String rawProperty) {
            extra.add(rawProperty);
            return this;
        }

        byte[] bytes() {
            List<String> parts = new ArrayList<>();
            properties.forEach((name, value) -> parts.add("\"" + name + "\": " + value));
            parts.addAll(extra);
            return ("{" + String.join(", ", parts) + "}").getBytes(StandardCharsets.UTF_8);
        }

        /** The bytes in chunks, the first {@code marker} replaced by {@code fillerBytes} letters x (whole MiB). */
        List<byte[]> chunks(String marker, int fillerBytes) {
            String text = new String(bytes(), StandardCharsets.UTF_8);
            int at = text.indexOf(marker);
            List<byte[]> chunks = new ArrayList<>();
            chunks.add(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < fillerBytes / FILLER.length; i++) {
                chunks.add(FILLER);
            }
            chunks.add(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
            return chunks;
        }

        /** The bytes with the first {@code marker} replaced by {@code raw} bytes (which may be invalid UTF-8). */
        byte[] bytes(String marker, byte[] raw) {
            String text = new String(bytes(), StandardCharsets.UTF_8);
            int at = text.indexOf(marker);
            return concat(concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), raw),
                    text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        }
    }
}
