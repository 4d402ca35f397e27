package org.bzpeer.ingest.work.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.testkit.SharedData;

import tools.jackson.databind.JsonNode;

/**
 * A gzip JSON Lines file of the shared data read as the service reads it: each line through the strict
 * {@link RecordParser} (which real data must pass as it is), then through a format; what the format rejected is
 * kept as "line N: field: reason".
 *
 * @param records    every line's JSON tree, in file order
 * @param works      the works the format made of them, in file order
 * @param rejections the lines the format rejected
 */
record RealSample(List<JsonNode> records, List<SubmittedWork> works, List<String> rejections) {

    private static final RecordParser PARSER = new RecordParser(TestRecords.LIMITS);

    /** Why a test on {@code files} is skipped: the first of them that is missing; null when all are there. */
    static String missing(Path... files) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                return SharedData.missing(file);
            }
        }
        return null;
    }

    static RealSample read(Path gzipJsonLines, WorkFormat format) {
        RealSample sample = new RealSample(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        SharedData.forEachLine(gzipJsonLines, (line, number) -> {
            JsonNode record = PARSER.parse(line, line.length);
            sample.records.add(record);
            try {
                sample.works.add(format.parse(record));
            } catch (RejectedRecordException e) {
                sample.rejections.add("line " + number + ": " + e.field() + ": " + e.reason());
            }
        });
        return sample;
    }
}
