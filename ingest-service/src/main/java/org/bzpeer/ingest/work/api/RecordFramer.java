package org.bzpeer.ingest.work.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Cuts a body into the bytes of one record at a time while it arrives. NDJSON is cut at each byte {@code \n} (never
 * at Unicode line separators such as U+2028, which real records carry inside strings), blank lines skipped; a JSON
 * body is cut at the top-level commas of its array, or taken whole when it is a single value. Only the bytes of the
 * current record are held, up to {@code maxRecordBytes}: a longer record is skipped to its end and reported by its
 * length. A UTF-8 byte order mark at the start of the body is skipped. Structure inside an NDJSON line is the parser's
 * business; in a JSON array the framer follows strings and brackets, so when they break (a bracket closing the wrong
 * thing, the body ending inside the array) no later record can be told apart: that is reported once and nothing more
 * is read.
 *
 * <p>List pages: when the format names where its pages hold their records ({@code results}, {@code message.items}), a
 * JSON body that is an object is followed key by key (at most {@value #MAX_KEY_LENGTH} bytes of a key are looked at),
 * and when an array opens at one of those paths, the body is a page: each element of that array is a record, framed
 * like the elements of a top-level array, and the rest of the page is checked for structure only, never kept. An
 * object without such an array is a single record, as before. Not thread-safe; one per body.
 */
final class RecordFramer {

    /** What came next in the body. */
    sealed interface Frame {
    }

    /** A record's bytes, {@code bytes[0..length)}; valid until the next call. */
    record RecordBytes(byte[] bytes, int length) implements Frame {
    }

    /** A record longer than the limit, skipped. */
    record TooLong(long length) implements Frame {
    }

    /** The body's structure broke at this record; no record after it can be read. */
    record Broken(String reason) implements Frame {
    }

    private enum State { START, FIRST_ELEMENT, NEXT_ELEMENT, AFTER_ARRAY, END }

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_KEY_LENGTH = 64;
    private static final int SHRINK_ABOVE = 1024 * 1024;

    private final InputStream in;
    private final boolean ndjson;
    private final int maxRecordBytes;
    private final byte[] chunk = new byte[CHUNK];
    private final List<List<String>> pageArrays;
    private final BitSet openedObject = new BitSet();
    /** Which open containers of a page's envelope are objects; the envelope's depth while its records are read. */
    private final BitSet envelopeObject = new BitSet();
    private int envelopeDepth;
    private int position;
    private int limit;
    private long fetched;
    private byte[] record = new byte[CHUNK];
    private int length;
    private long recordLength;
    private State state = State.START;

    private RecordFramer(InputStream in, boolean ndjson, int maxRecordBytes, List<List<String>> pageArrays) {
        this.in = in;
        this.ndjson = ndjson;
        this.maxRecordBytes = maxRecordBytes;
        this.pageArrays = List.copyOf(pageArrays);
    }

    static RecordFramer ndjson(InputStream in, int maxRecordBytes) {
        return new RecordFramer(in, true, maxRecordBytes, List.of());
    }

    static RecordFramer json(InputStream in, int maxRecordBytes) {
        return json(in, maxRecordBytes, List.of());
    }

    /**
     * Frames a JSON body; an object body with an array at one of {@code pageArrays} (property paths from the root,
     * such as {@code ["message", "items"]}) is a list page whose array elements are the records.
     */
    static RecordFramer json(InputStream in, int maxRecordBytes, List<List<String>> pageArrays) {
        return new RecordFramer(in, false, maxRecordBytes, pageArrays);
    }

    /** The next record, or null at the end of the body. */
    Frame next() throws IOException {
        if (state == State.START) {
            skipByteOrderMark();
        }
        return ndjson ? nextLine() : nextElement();
    }

    /** How many bytes of the body were consumed so far. */
    long bytesRead() {
        return fetched - (limit - position);
    }

    private Frame nextLine() throws IOException {
        state = State.NEXT_ELEMENT;
        while (true) {
            startRecord();
            boolean readAny = false;
            boolean newline = false;
            while (!newline && (position < limit || fill())) {
                readAny = true;
                int end = position;
                while (end < limit && chunk[end] != '\n') {
                    end++;
                }
                append(chunk, position, end - position);
                newline = end < limit;
                position = newline ? end + 1 : end;
            }
            if (!readAny) {
                return null;
            }
            if (recordLength > maxRecordBytes) {
                return new TooLong(recordLength);
            }
            if (length > 0 && record[length - 1] == '\r') {
                length--;
            }
            if (!isBlank()) {
                return new RecordBytes(record, length);
            }
            if (!newline) {
                return null;
            }
        }
    }

    private Frame nextElement() throws IOException {
        if (state == State.START) {
            int first = skipWhitespace();
            if (first < 0) {
                state = State.END;
                return null;
            }
            if (first == '{' && !pageArrays.isEmpty()) {
                return objectOrPage();
            }
            if (first != '[') {
                state = State.END;
                return wholeBody(first);
            }
            state = State.FIRST_ELEMENT;
        }
        if (state == State.END) {
            return null;
        }
        int first = skipWhitespace();
        if (state == State.AFTER_ARRAY) {
            state = State.END;
            if (envelopeDepth > 0) {
                return restOfPage(first);
            }
            return first < 0 ? null : broken("content follows the ']' that closes the array");
        }
        if (first < 0) {
            return broken("the body ends before the array is closed with ']'");
        }
        if (first == ']' && state == State.FIRST_ELEMENT) {
            state = State.AFTER_ARRAY;
            return nextElement();
        }
        if (first == ']' || first == ',') {
            return broken("a record is missing before '" + (char) first + "'");
        }
        return element(first);
    }

    private Frame element(int first) throws IOException {
        startRecord();
        int depth = 0;
        Strings strings = new Strings();
        int b = first;
        while (true) {
            boolean structure = strings.isStructure(b);
            if (structure && (b == '{' || b == '[')) {
                openedObject.set(depth++, b == '{');
            } else if (structure && (b == '}' || b == ']')) {
                if (depth == 0 && b == ']') {
                    state = State.AFTER_ARRAY;
                    return finishRecord();
                }
                if (depth == 0) {
                    return broken("'}' closes nothing");
                }
                boolean closesObject = openedObject.get(--depth);
                if (closesObject != (b == '}')) {
                    return broken("'" + (char) b + "' closes " + (closesObject ? "an object" : "an array"));
                }
            } else if (structure && b == ',' && depth == 0) {
                state = State.NEXT_ELEMENT;
                return finishRecord();
            }
            append(b);
            b = read();
            if (b < 0) {
                return broken("the body ends inside this record, before the array is closed");
            }
        }
    }

    private Frame wholeBody(int first) throws IOException {
        startRecord();
        append(first);
        return restOfBody();
    }

    /** Appends the rest of the body to the record, which ends there. */
    private Frame restOfBody() throws IOException {
        state = State.END;
        while (position < limit || fill()) {
            append(chunk, position, limit - position);
            position = limit;
        }
        return finishRecord();
    }

    /**
     * Follows an object body key by key, keeping its bytes: when an array opens at one of the {@link #pageArrays},
     * the body is a page and its first record is framed; otherwise the object is the one record of the body (and the
     * parser judges it, broken or not).
     */
    private Frame objectOrPage() throws IOException {
        startRecord();
        append('{');
        String[] keys = new String[maxPageDepth()];
        envelopeObject.clear();
        envelopeObject.set(0);
        int depth = 1;
        Strings strings = new Strings();
        boolean expectKey = true;
        StringBuilder key = null;
        for (int b = read(); b >= 0; b = read()) {
            boolean wasInString = strings.inString();
            if (!strings.isStructure(b)) {
                append(b);
                if (!wasInString) {
                    key = envelopeObject.get(depth - 1) && expectKey ? new StringBuilder() : null;
                    expectKey = false;
                } else if (!strings.inString()) {
                    if (key != null && depth <= keys.length) {
                        keys[depth - 1] = key.toString();
                    }
                    key = null;
                } else if (b == '\\' || (key != null && key.length() >= MAX_KEY_LENGTH)) {
                    key = null;
                } else if (key != null) {
                    key.append((char) b);
                }
                continue;
            }
            if (b == '[' && isPageArray(keys, depth)) {
                envelopeDepth = depth;
                startRecord();
                state = State.FIRST_ELEMENT;
                return nextElement();
            }
            append(b);
            if (b == ',') {
                expectKey = envelopeObject.get(depth - 1);
            } else if (b == '{' || b == '[') {
                envelopeObject.set(depth, b == '{');
                if (depth < keys.length) {
                    keys[depth] = null;
                }
                depth++;
                expectKey = b == '{';
            } else if (b == '}' || b == ']') {
                depth--;
                if (envelopeObject.get(depth) != (b == '}') || depth == 0) {
                    return restOfBody();
                }
            }
        }
        return finishRecord();
    }

    private int maxPageDepth() {
        return pageArrays.stream().mapToInt(List::size).max().orElse(0);
    }

    /** Whether an array opening at {@code depth} (inside {@code depth} objects named by {@code keys}) is a page's. */
    private boolean isPageArray(String[] keys, int depth) {
        if (depth > keys.length || !envelopeObject.get(depth - 1)) {
            return false;
        }
        for (List<String> path : pageArrays) {
            if (path.size() == depth && envelopeObject.nextClearBit(0) >= depth
                    && path.equals(Arrays.asList(keys).subList(0, depth))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the rest of a page after its records' array, {@code first} being the byte after it: the envelope's other
     * properties are followed for structure only, and nothing may follow the envelope.
     */
    private Frame restOfPage(int first) throws IOException {
        int depth = envelopeDepth;
        Strings strings = new Strings();
        for (int b = first; b >= 0; b = read()) {
            boolean structure = strings.isStructure(b);
            if (structure && (b == '{' || b == '[')) {
                envelopeObject.set(depth++, b == '{');
            } else if (structure && (b == '}' || b == ']')) {
                if (envelopeObject.get(--depth) != (b == '}')) {
                    return broken("'" + (char) b + "' does not close the list page's "
                            + (envelopeObject.get(depth) ? "object" : "array"));
                }
                if (depth == 0) {
                    return skipWhitespace() < 0 ? null : broken("content follows the list page");
                }
            }
        }
        return broken("the body ends before the list page is closed");
    }

    private Broken broken(String reason) {
        state = State.END;
        return new Broken("the JSON array is broken here: " + reason + " (byte " + Math.max(0, bytesRead() - 1)
                + " of the body)");
    }

    private void skipByteOrderMark() throws IOException {
        while (limit < 3) {
            int read = in.read(chunk, limit, CHUNK - limit);
            if (read < 0) {
                break;
            }
            limit += read;
            fetched += read;
        }
        if (limit >= 3 && (chunk[0] & 0xFF) == 0xEF && (chunk[1] & 0xFF) == 0xBB && (chunk[2] & 0xFF) == 0xBF) {
            position = 3;
        }
    }

    private int skipWhitespace() throws IOException {
        int b = read();
        while (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
            b = read();
        }
        return b;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return chunk[position++] & 0xFF;
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk, 0, CHUNK);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        fetched += read;
        return true;
    }

    private void startRecord() {
        if (record.length > SHRINK_ABOVE) {
            record = new byte[CHUNK];
        }
        length = 0;
        recordLength = 0;
    }

    private void append(int b) {
        if (++recordLength <= maxRecordBytes) {
            ensureRoom(1);
            record[length++] = (byte) b;
        }
    }

    private void append(byte[] source, int from, int count) {
        recordLength += count;
        if (recordLength <= maxRecordBytes) {
            ensureRoom(count);
            System.arraycopy(source, from, record, length, count);
            length += count;
        }
    }

    private void ensureRoom(int more) {
        if (length + more > record.length) {
            long wanted = Math.max((long) length + more, 2L * record.length);
            record = Arrays.copyOf(record, (int) Math.min(wanted, maxRecordBytes));
        }
    }

    private Frame finishRecord() {
        return recordLength > maxRecordBytes ? new TooLong(recordLength) : new RecordBytes(record, length);
    }

    /** Follows the JSON strings of a body byte by byte, so that brackets and commas inside them are not structure. */
    private static final class Strings {

        private boolean inString;
        private boolean escaped;

        /** Whether byte {@code b}, the next of the body, is outside every string and not a quote opening one. */
        boolean isStructure(int b) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
                return false;
            }
            inString = b == '"';
            return !inString;
        }

        /** Whether the last byte given was inside a string or opened one. */
        boolean inString() {
            return inString;
        }
    }

    private boolean isBlank() {
        for (int i = 0; i < length; i++) {
            byte b = record[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
