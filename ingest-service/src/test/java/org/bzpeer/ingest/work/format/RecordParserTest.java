package org.bzpeer.ingest.work.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RecordParserTest {

    private static final RecordParser PARSER = new RecordParser(TestRecords.LIMITS);

    @Test
    void aValidRecordIsParsed() {
        String text = "{\"title\": \"Ölçüm — 測定 🧪\", \"authorships\": [{\"name\": \"Ayrancı\"}]}";

        assertThat(parse(text).get("title").stringValue()).isEqualTo("Ölçüm — 測定 🧪");
    }

    @Test
    void aDuplicateKeyIsRejectedNamingIt() {
        assertRejected("{\"title\": \"a\", \"authorships\": [{\"name\": \"x\", \"name\": \"y\"}]}",
                "authorships[0].name", "Duplicate Object property \"name\"");
    }

    @Test
    void truncatedJsonIsRejectedNamingWhereItStopped() {
        assertRejected("{\"title\": \"a\", \"authorships\": [{\"name\": \"x", "authorships[0].name",
                "not valid JSON: Unexpected end-of-input");
        assertRejected("{\"title\": \"a\"} {\"title\": \"b\"}", "$", "more content after the record's end");
    }

    @Test
    void rawControlCharactersAreNotValidJson() {
        assertRejected("{\"title\": \"bell\u0007\"}", "title", "Illegal unquoted character");
    }

    @Test
    void nestingDeeperThanTheLimitIsRejected() {
        String deep = "{\"topics\": " + "[".repeat(40) + "]".repeat(40) + "}";

        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> parse(deep))
                .satisfies(e -> assertThat(e.field()).startsWith("topics[0][0]"))
                .satisfies(e -> assertThat(e.reason()).contains("nesting depth (33) exceeds the maximum allowed (32)"));
    }

    @Test
    void aStringLongerThanAnyFieldMayHoldIsRefusedWhileParsingEvenInAnIgnoredProperty() {
        assertRejected("{\"notes\": \"" + "x".repeat(100_001) + "\"}", "notes",
                "String value length (100001) exceeds the maximum allowed (100000)");
    }

    @Test
    void tooManyTokensAreRefused() {
        RecordLimits fewTokens = new RecordLimits(4000, 100_000, 1000, 1000, 10_000, 32, 1_000, 1000, 1);
        String many = "{\"topics\": [" + "1,".repeat(2_000) + "1]}";

        assertThatExceptionOfType(RejectedRecordException.class)
                .isThrownBy(() -> new RecordParser(fewTokens).parse(bytes(many), bytes(many).length))
                .satisfies(e -> assertThat(e.reason()).contains("Token count"));
    }

    @Test
    void invalidUtf8IsRejectedNamingTheFieldWhereTheParserSeesIt() {
        byte[] record = utf8("{\"title\": \"a", (byte) 0xC3, (byte) 0x28, "\"}");

        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> PARSER.parse(record, record.length))
                .satisfies(e -> assertThat(e.field()).isEqualTo("title"))
                .satisfies(e -> assertThat(e.reason()).contains("Invalid UTF-8"));
    }

    @Test
    void overlongUtf8ThatTheParserAcceptsIsRejectedByItsByte() {
        byte[] record = utf8("{\"title\": \"a", (byte) 0xC0, (byte) 0xAF, "\"}");

        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> PARSER.parse(record, record.length))
                .satisfies(e -> assertThat(e.field()).isEqualTo("$"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("not valid UTF-8: the byte 0xC0 at byte 12 of the "
                        + "record does not begin a well-formed sequence"));
    }

    @Test
    void utf8Validation() {
        assertThat(RecordParser.firstInvalidUtf8(bytes("aé測🧪"), bytes("aé測🧪").length)).isEqualTo(-1);
        assertThat(RecordParser.firstInvalidUtf8(utf8("ab", (byte) 0xE0, (byte) 0x80, (byte) 0x80), 5))
                .as("overlong three-byte form").isEqualTo(2);
        assertThat(RecordParser.firstInvalidUtf8(utf8("", (byte) 0xED, (byte) 0xA0, (byte) 0x80), 3))
                .as("encoded surrogate").isZero();
        assertThat(RecordParser.firstInvalidUtf8(utf8("", (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80), 4))
                .as("above U+10FFFF").isZero();
        assertThat(RecordParser.firstInvalidUtf8(utf8("abc", (byte) 0xE6, (byte) 0xB8), 5))
                .as("cut short").isEqualTo(3);
        assertThat(RecordParser.firstInvalidUtf8(utf8("", (byte) 0xFF), 1)).isZero();
    }

    private static tools.jackson.databind.JsonNode parse(String text) {
        return PARSER.parse(bytes(text), bytes(text).length);
    }

    private static void assertRejected(String text, String field, String reason) {
        assertThatExceptionOfType(RejectedRecordException.class).isThrownBy(() -> parse(text))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.reason()).contains(reason));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(bytes(text));
            } else {
                out.write((Byte) part);
            }
        }
        return out.toByteArray();
    }
}
