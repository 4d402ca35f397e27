package org.bzpeer.kit.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset-pagination cursors: the sort key of the last item of a page, encoded URL-safe. A client passes
 * {@code nextCursor} back unchanged; a cursor it altered is rejected as a problem naming the {@code cursor} field.
 */
public final class Cursor {

    private static final String SEPARATOR = "\u001f";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursor() {
    }

    /** Encodes the sort-key parts of the last item of a page. */
    public static String encode(Object... parts) {
        String joined = String.join(SEPARATOR, Arrays.stream(parts).map(String::valueOf).toList());
        return ENCODER.encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of exactly {@code parts} parts. */
    public static List<String> decode(String cursor, int parts) {
        try {
            String[] decoded = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (decoded.length != parts) {
                throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
            }
            return List.of(decoded);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
        }
    }

    /** Decodes part {@code index} as a long, rejecting a cursor that does not hold one there. */
    public static long longPart(List<String> parts, int index) {
        try {
            return Long.parseLong(parts.get(index));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "not a cursor this endpoint issued");
        }
    }

    /** The page size to use for a requested {@code limit}: 20 when absent, otherwise 1 to 100. */
    public static int pageSize(Integer limit) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > 100) {
            throw ProblemException.invalid("limit", "must be between 1 and 100");
        }
        return limit;
    }
}
