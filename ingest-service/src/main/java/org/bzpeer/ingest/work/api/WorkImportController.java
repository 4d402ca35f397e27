package org.bzpeer.ingest.work.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.bzpeer.ingest.work.application.IndexedSubmission;
import org.bzpeer.ingest.work.application.IngestProperties;
import org.bzpeer.ingest.work.application.RecordOutcome;
import org.bzpeer.ingest.work.application.WorkImporter;
import org.bzpeer.ingest.work.format.RejectedRecordException;
import org.bzpeer.ingest.work.format.UnknownWorkFormatException;
import org.bzpeer.ingest.work.format.WorkFormat;
import org.bzpeer.ingest.work.format.WorkFormats;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.kit.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/works}: ingestion pipelines submit works as one JSON object, a JSON array, or NDJSON
 * (streamed), in our own format or a source's ({@code ?format=openalex}). Answers with the per-record result; every
 * valid record is kept even when others are rejected. 200 when at least one record was imported; 422 (problem
 * details carrying the same per-record result) when every record was rejected.
 */
@RestController
@RequestMapping("/api/v1/works")
class WorkImportController {

    static final String NDJSON = "application/x-ndjson";
    static final String JSON_LINES = "application/jsonl";

    private final WorkFormats formats;
    private final WorkImporter importer;
    private final IngestProperties properties;
    private final SubmissionReader reader;

    WorkImportController(WorkFormats formats, WorkImporter importer, IngestProperties properties, JsonMapper json) {
        this.formats = formats;
        this.importer = importer;
        this.properties = properties;
        this.reader = new SubmissionReader(json);
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON, JSON_LINES},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('SCOPE_works:write')")
    Mono<ResponseEntity<Object>> submit(@RequestParam(defaultValue = "bzpeer") String format,
            ServerHttpRequest request) {
        WorkFormat workFormat = formatNamed(format);
        MediaType contentType = request.getHeaders().getContentType();
        boolean streamed = contentType != null && (contentType.isCompatibleWith(MediaType.parseMediaType(NDJSON))
                || contentType.isCompatibleWith(MediaType.parseMediaType(JSON_LINES)));
        Flux<SubmissionReader.RawRecord> records = streamed
                ? reader.ndjson(request.getBody())
                : reader.json(request.getBody(), properties.maxJsonBody());
        return records
                .buffer(properties.batchSize())
                .concatMap(batch -> importBatch(workFormat, batch))
                .reduce(ImportSummary.empty(), ImportSummary::plus)
                .map(WorkImportController::respond);
    }

    private WorkFormat formatNamed(String name) {
        try {
            return formats.get(name);
        } catch (UnknownWorkFormatException e) {
            throw ProblemException.invalid("format", e.getMessage());
        }
    }

    private Mono<List<RecordOutcome>> importBatch(WorkFormat format, List<SubmissionReader.RawRecord> batch) {
        List<RecordOutcome> rejected = new ArrayList<>();
        List<IndexedSubmission> valid = new ArrayList<>();
        for (SubmissionReader.RawRecord record : batch) {
            if (record.parseError() != null) {
                rejected.add(new RecordOutcome.Rejected(record.index(), "$", record.parseError()));
                continue;
            }
            if (!record.node().isObject()) {
                rejected.add(new RecordOutcome.Rejected(record.index(), "$", "a record must be a JSON object"));
                continue;
            }
            try {
                valid.add(new IndexedSubmission(record.index(), format.parse(record.node())));
            } catch (RejectedRecordException e) {
                rejected.add(new RecordOutcome.Rejected(record.index(), e.field(), e.reason()));
            }
        }
        Mono<List<RecordOutcome>> imported = valid.isEmpty() ? Mono.just(List.of()) : importer.importBatch(valid);
        return imported.map(outcomes -> {
            List<RecordOutcome> all = new ArrayList<>(outcomes);
            all.addAll(rejected);
            all.sort(Comparator.comparingInt(RecordOutcome::index));
            return all;
        });
    }

    private static ResponseEntity<Object> respond(ImportSummary summary) {
        if (summary.received() == 0) {
            throw ProblemException.invalid("$", "the submission holds no records");
        }
        if (summary.rejected() < summary.received()) {
            return ResponseEntity.ok(summary);
        }
        ImportSummary.RecordError first = summary.errors().get(0);
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-records",
                "No record could be imported",
                "All " + summary.received() + " record(s) were rejected; record " + first.record() + ", field "
                        + first.field() + ": " + first.reason());
        Map.of("received", summary.received(), "created", 0, "updated", 0, "unchanged", 0,
                "rejected", summary.rejected(), "errors", summary.errors()).forEach(problem::setProperty);
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
