package org.bzpeer.ingest.work.api;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.bzpeer.kit.web.ProblemException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a request body into JSON records: NDJSON is streamed line by line, splitting on the byte {@code \n} only
 * (never on Unicode line separators such as U+2028, which real records carry inside strings); a JSON body is one
 * object or an array of objects. A record that is not valid JSON becomes a {@link RawRecord} with its parse error,
 * so it is rejected alone.
 */
final class SubmissionReader {

    /** Longest single NDJSON record accepted. */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private final JsonMapper json;

    SubmissionReader(JsonMapper json) {
        this.json = json;
    }

    /** One record of the body, in order: its parsed JSON, or why it could not be parsed. */
    record RawRecord(int index, JsonNode node, String parseError) {
    }

    Flux<RawRecord> ndjson(Flux<DataBuffer> body) {
        return Flux.defer(() -> {
            LineSplitter splitter = new LineSplitter();
            return body.concatMapIterable(buffer -> {
                        try {
                            return splitter.feed(buffer);
                        } finally {
                            DataBufferUtils.release(buffer);
                        }
                    })
                    .concatWith(Mono.fromSupplier(splitter::rest))
                    .filter(line -> !isBlank(line))
                    .index()
                    .map(indexed -> parse(indexed.getT1().intValue(), indexed.getT2()));
        });
    }

    Flux<RawRecord> json(Flux<DataBuffer> body, DataSize maxBody) {
        return DataBufferUtils.join(body, (int) Math.min(Integer.MAX_VALUE, maxBody.toBytes()))
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new ProblemException(
                        HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
                        "A JSON body may hold at most " + maxBody + "; send larger submissions as NDJSON "
                                + "(application/x-ndjson), which is streamed"))
                .flatMapMany(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    JsonNode root;
                    try {
                        root = json.readTree(bytes);
                    } catch (JacksonException e) {
                        return Flux.error(ProblemException.invalid("$", "body is not valid JSON: "
                                + e.getOriginalMessage()));
                    }
                    if (root == null || root.isMissingNode()) {
                        return Flux.empty();
                    }
                    if (!root.isArray()) {
                        return Flux.just(new RawRecord(0, root, null));
                    }
                    List<RawRecord> records = new ArrayList<>(root.size());
                    for (int i = 0; i < root.size(); i++) {
                        records.add(new RawRecord(i, root.get(i), null));
                    }
                    return Flux.fromIterable(records);
                });
    }

    private RawRecord parse(int index, byte[] line) {
        try {
            return new RawRecord(index, json.readTree(line), null);
        } catch (JacksonException e) {
            return new RawRecord(index, null, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Accumulates bytes across buffers and cuts them at each {@code \n}. */
    private static final class LineSplitter {

        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        List<byte[]> feed(DataBuffer buffer) {
            List<byte[]> lines = new ArrayList<>();
            byte[] chunk = new byte[buffer.readableByteCount()];
            buffer.read(chunk);
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    pending.write(chunk, start, i - start);
                    lines.add(pending.toByteArray());
                    pending.reset();
                    start = i + 1;
                }
            }
            pending.write(chunk, start, chunk.length - start);
            if (pending.size() > MAX_RECORD_BYTES) {
                throw ProblemException.invalid("$", "a record is longer than " + MAX_RECORD_BYTES + " bytes");
            }
            return lines;
        }

        byte[] rest() {
            return pending.size() == 0 ? null : pending.toByteArray();
        }
    }
}
