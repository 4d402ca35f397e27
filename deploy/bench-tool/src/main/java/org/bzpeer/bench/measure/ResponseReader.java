package org.bzpeer.bench.measure;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response as its bytes arrive, to its end: the status line and headers, then a body of
 * {@code Content-Length} bytes or in chunks; the body is skipped, not kept. {@link #reset()} readies it for the next
 * response on the same connection.
 */
final class ResponseReader {

    private enum State { HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DONE }

    private final StringBuilder line = new StringBuilder();
    private State state;
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean firstLine;
    private long remaining;

    ResponseReader() {
        reset();
    }

    void reset() {
        state = State.HEADERS;
        line.setLength(0);
        status = 0;
        contentLength = 0;
        chunked = false;
        firstLine = true;
        remaining = 0;
    }

    /** Consumes what {@code bytes} hold of the response; the status code once it is complete, else 0. */
    int feed(ByteBuffer bytes) {
        while (bytes.hasRemaining() && state != State.DONE) {
            switch (state) {
                case HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                    String complete = readLine(bytes);
                    if (complete != null) {
                        onLine(complete);
                    }
                }
                case BODY, CHUNK_DATA -> {
                    int skipped = (int) Math.min(remaining, bytes.remaining());
                    bytes.position(bytes.position() + skipped);
                    remaining -= skipped;
                    if (remaining == 0) {
                        state = state == State.BODY ? State.DONE : State.CHUNK_END;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return state == State.DONE ? status : 0;
    }

    private String readLine(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            char c = (char) (bytes.get() & 0xff);
            if (c == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1
                        : line.length();
                String complete = line.substring(0, end);
                line.setLength(0);
                return complete;
            }
            line.append(c);
        }
        return null;
    }

    private void onLine(String text) {
        switch (state) {
            case HEADERS -> onHeaderLine(text);
            case CHUNK_SIZE -> {
                int extension = text.indexOf(';');
                remaining = Long.parseLong((extension < 0 ? text : text.substring(0, extension)).strip(), 16);
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> state = State.CHUNK_SIZE;
            case TRAILERS -> state = text.isEmpty() ? State.DONE : State.TRAILERS;
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void onHeaderLine(String text) {
        if (firstLine) {
            firstLine = false;
            String[] parts = text.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IllegalStateException("not an HTTP status line: " + text);
            }
            status = Integer.parseInt(parts[1]);
            return;
        }
        if (!text.isEmpty()) {
            int colon = text.indexOf(':');
            String name = colon < 0 ? text : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : text.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
            return;
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0 && status != 204 && status != 304) {
            remaining = contentLength;
            state = State.BODY;
        } else {
            state = State.DONE;
        }
    }
}
