package org.bzpeer.ingest.work.format;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the bytes of one record into a JSON tree, strictly: the bytes must be valid UTF-8 (no overlong forms, no
 * encoded surrogates), a property may not appear twice in an object, and nesting depth, string and property-name
 * lengths and the number of tokens are held to the {@link RecordLimits}, so a hostile record is refused while it is
 * parsed, before it fills memory. Every refusal is a {@link RejectedRecordException} naming the field the parser was
 * in (the record itself, {@code $}, when it was in none) and the byte of the record where it stopped.
 */
@Component
public class RecordParser {

    private static final Pattern JACKSON_NOISE =
            Pattern.compile("\\s*\\((?:for \\w+ starting|start marker) at \\[[^\\]]*\\]\\)|, from `[^`]*`"
                    + "|\\s*\\[Source: [^\\]]*\\]");

    private final JsonMapper json;

    public RecordParser(RecordLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxTokenCount(limits.maxTokens())
                        .build())
                .build();
        this.json = JsonMapper.builder(factory).disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /**
     * The JSON value in {@code bytes[0..length)}.
     *
     * @throws RejectedRecordException when the bytes are not one valid JSON value within the limits
     */
    public JsonNode parse(byte[] bytes, int length) {
        JsonNode node;
        try (JsonParser parser = json.createParser(bytes, 0, length)) {
            try {
                node = json.readTree(parser);
                if (parser.nextToken() != null) {
                    throw new RejectedRecordException(JsonField.ROOT, "not valid JSON: more content after the "
                            + "record's end, at byte " + parser.currentTokenLocation().getByteOffset());
                }
            } catch (StreamConstraintsException e) {
                throw new RejectedRecordException(pathOf(parser.streamReadContext()), clean(e.getOriginalMessage()));
            } catch (JacksonException e) {
                long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
                throw new RejectedRecordException(pathOf(parser.streamReadContext()),
                        "not valid JSON: " + clean(e.getOriginalMessage()) + (at < 0 ? "" : " (at byte " + at + ")"));
            }
        }
        int invalid = firstInvalidUtf8(bytes, length);
        if (invalid >= 0) {
            throw new RejectedRecordException(JsonField.ROOT, String.format(
                    "not valid UTF-8: the byte 0x%02X at byte %d of the record does not begin a well-formed sequence",
                    bytes[invalid] & 0xFF, invalid));
        }
        return node;
    }

    /** The path, in {@link JsonField}'s syntax, of the value a parser is in. */
    private static String pathOf(TokenStreamContext context) {
        Deque<TokenStreamContext> chain = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            chain.push(at);
        }
        String path = "";
        for (TokenStreamContext at : chain) {
            if (at.inObject() && at.currentName() != null) {
                path = JsonField.propertyPath(path, at.currentName());
            } else if (at.inArray() && at.getCurrentIndex() >= 0) {
                path = JsonField.elementPath(path, at.getCurrentIndex());
            }
        }
        return JsonField.reported(path);
    }

    private static String clean(String jacksonMessage) {
        return JACKSON_NOISE.matcher(String.valueOf(jacksonMessage)).replaceAll("");
    }

    /**
     * The offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629: no overlong forms,
     * no surrogates, nothing above U+10FFFF), or -1 when all of {@code bytes[0..length)} is valid UTF-8.
     */
    static int firstInvalidUtf8(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuations = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
                    : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
            if (continuations == 0 || i + continuations >= length) {
                return i;
            }
            int codePoint = lead & (0x3F >> continuations);
            for (int k = 1; k <= continuations; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return i;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            boolean wellFormed = switch (continuations) {
                case 2 -> codePoint >= 0x800 && (codePoint < 0xD800 || codePoint > 0xDFFF);
                case 3 -> codePoint >= 0x10000 && codePoint <= 0x10FFFF;
                default -> true;
            };
            if (!wellFormed) {
                return i;
            }
            i += continuations + 1;
        }
        return -1;
    }
}
