package org.bzpeer.ingest.work.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bzpeer.ingest.work.application.ImportReports;
import org.bzpeer.ingest.work.application.ImportReports.PartEnd;
import org.bzpeer.ingest.work.application.IngestProperties;
import org.bzpeer.ingest.work.application.RecordOutcome;
import org.bzpeer.ingest.work.application.WorkImporter;
import org.bzpeer.ingest.work.format.ArxivAtomFormat;
import org.bzpeer.ingest.work.format.BzpeerWorkFormat;
import org.bzpeer.ingest.work.format.RecordParser;
import org.bzpeer.ingest.work.format.SourceFormat;
import org.bzpeer.ingest.work.format.UnknownWorkFormatException;
import org.bzpeer.ingest.work.format.WorkFormats;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.kit.web.Problems;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/v1/works} and {@code POST /api/v1/imports/{id}/parts}: ingestion pipelines submit works as one JSON
 * object, a JSON array, or NDJSON, or as an XML document (arXiv Atom, arXiv OAI-PMH, DBLP), optionally gzip-encoded
 * ({@code Content-Encoding: gzip}), in our own format or a source's: named by {@code ?format=openalex} or the content
 * type's parameter ({@code application/x-ndjson; format=crossref}); without a name, an Atom body is read as arXiv's,
 * another XML body by its root element, and JSON as ours. A source's list page (an OpenAlex {@code results} page, a
 * Crossref {@code work-list}) is read record by record as well. Every body is read record by record while it arrives
 * and imported in batches ({@link SubmissionReader}). Answers with the per-record result; every valid record is kept
 * even when others are rejected. 200 when at least one record was imported; 422 (problem details carrying the same
 * per-record result) when every record was rejected; 413 when the body is larger than
 * {@link SubmissionLimits#maxBodySize}: before anything is read when its {@code Content-Length} says so, otherwise
 * once reading reaches the limit, carrying the result of the records before that point. Every body is a part of an
 * import ({@link ImportReports}), whose report records its progress batch by batch.
 */
@RestController
class WorkImportController {

    static final String NDJSON = "application/x-ndjson";
    static final String JSON_LINES = "application/jsonl";
    static final String DEFAULT_FORMAT = BzpeerWorkFormat.NAME;

    /** Buffers of the request body fetched ahead of the reader. */
    private static final int BODY_BUFFERS_AHEAD = 4;

    private final WorkFormats formats;
    private final WorkImporter importer;
    private final ImportReports reports;
    private final IngestProperties properties;
    private final SubmissionLimits limits;
    private final SubmissionReader reader;

    WorkImportController(WorkFormats formats, WorkImporter importer, ImportReports reports,
            IngestProperties properties, SubmissionLimits limits, RecordParser parser) {
        this.formats = formats;
        this.importer = importer;
        this.reports = reports;
        this.properties = properties;
        this.limits = limits;
        this.reader = new SubmissionReader(parser, limits);
    }

    /** One body as an import of its own: its report stays at {@code /api/v1/imports/{importId}}. */
    @WorksSubmission
    @PostMapping(path = "/api/v1/works", consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON, JSON_LINES,
            MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, MediaType.APPLICATION_ATOM_XML_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('SCOPE_works:write')")
    Mono<ResponseEntity<Object>> submit(@RequestParam(required = false) String format,
            ServerHttpRequest request, @AuthenticationPrincipal Jwt caller) {
        SourceFormat workFormat = format(format, request.getHeaders().getContentType());
        checkDeclaredLength(request.getHeaders());
        return reports.openSinglePart(caller.getSubject(), workFormat.name())
                .flatMap(part -> importBody(part, workFormat, request, true));
    }

    /** One body as the next part of an open import (a bulk import sends each file so). */
    @WorksSubmission
    @PostMapping(path = "/api/v1/imports/{importId}/parts",
            consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON, JSON_LINES, MediaType.APPLICATION_XML_VALUE,
                    MediaType.TEXT_XML_VALUE, MediaType.APPLICATION_ATOM_XML_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('SCOPE_works:write')")
    Mono<ResponseEntity<Object>> submitPart(@PathVariable UUID importId,
            @RequestParam(required = false) String format, @RequestParam(required = false) String name,
            ServerHttpRequest request) {
        SourceFormat workFormat = format(format, request.getHeaders().getContentType());
        checkDeclaredLength(request.getHeaders());
        return reports.openPart(importId, name, workFormat.name())
                .flatMap(part -> importBody(part, workFormat, request, false));
    }

    private void checkDeclaredLength(HttpHeaders headers) {
        if (headers.getContentLength() > limits.maxBodySize().toBytes()) {
            throw tooLarge("its Content-Length is " + headers.getContentLength() + " bytes; nothing was read");
        }
    }

    private Mono<ResponseEntity<Object>> importBody(ImportReports.Part part, SourceFormat workFormat,
            ServerHttpRequest request, boolean onlyPart) {
        HttpHeaders headers = request.getHeaders();
        boolean gzip = isGzip(headers.getFirst(HttpHeaders.CONTENT_ENCODING));
        MediaType contentType = headers.getContentType();
        boolean ndjson = contentType != null && (contentType.isCompatibleWith(MediaType.parseMediaType(NDJSON))
                || contentType.isCompatibleWith(MediaType.parseMediaType(JSON_LINES)));
        SubmissionReader.Submission submission = reader.open(
                DataBufferUtils.subscriberInputStream(request.getBody(), BODY_BUFFERS_AHEAD), gzip, ndjson, workFormat);
        return Flux.<SubmissionReader.Batch>generate(sink -> {
                    SubmissionReader.Batch batch =
                            submission.nextBatch(properties.batchSize(), properties.maxBatchAuthorships());
                    if (batch == null) {
                        sink.complete();
                    } else {
                        sink.next(batch);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .doFinally(signal -> submission.close())
                .concatMap(batch -> importBatch(batch)
                        .flatMap(outcomes -> reports.record(part, submission.bytesReceived(), outcomes)
                                .thenReturn(outcomes)), 1)
                .reduce(ImportSummary.empty(part.importId(), part.number()), ImportSummary::plus)
                .flatMap(summary -> reports.close(part, submission.bodyTooLarge() ? PartEnd.BODY_TOO_LARGE
                                : PartEnd.DONE, null, onlyPart)
                        .then(Mono.fromCallable(() -> submission.bodyTooLarge()
                                ? tooLarge(summary)
                                : respond(summary, submission.readRecord()))))
                .onErrorResume(error -> reports.close(part, PartEnd.FAILED, failure(error), onlyPart)
                        .onErrorResume(reportFailed -> Mono.empty())
                        .then(Mono.error(error)));
    }

    private static String failure(Throwable error) {
        return error instanceof ProblemException problem && problem.getBody().getDetail() != null
                ? problem.getBody().getDetail()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static boolean isGzip(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (contentEncoding.equalsIgnoreCase("gzip") || contentEncoding.equalsIgnoreCase("x-gzip")) {
            return true;
        }
        ProblemException problem = new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding",
                "Unsupported content encoding", "Content-Encoding '" + contentEncoding + "' is not supported; send "
                        + "the body as is or gzip-encoded");
        problem.getBody().setProperty("field", "Content-Encoding");
        throw problem;
    }

    /**
     * The format named by the {@code format} parameter, else by the content type's {@code format} parameter
     * ({@code application/x-ndjson; format=crossref}), else the one of the content type ({@link #formatOf}).
     */
    private SourceFormat format(String parameter, MediaType contentType) {
        String fromContentType = contentType == null ? null : contentType.getParameter("format");
        if (parameter == null && fromContentType == null) {
            return formatOf(contentType);
        }
        String name = parameter != null ? parameter : fromContentType;
        try {
            return formats.get(name);
        } catch (UnknownWorkFormatException e) {
            throw ProblemException.invalid(parameter != null ? "format" : "Content-Type", e.getMessage());
        }
    }

    /**
     * The format of a body whose format is not named: an Atom feed is arXiv's; another XML body is recognised by its
     * root element; anything else is our own JSON.
     */
    private SourceFormat formatOf(MediaType contentType) {
        if (contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_ATOM_XML)) {
            return formats.get(ArxivAtomFormat.NAME);
        }
        if (contentType != null && (contentType.isCompatibleWith(MediaType.APPLICATION_XML)
                || contentType.isCompatibleWith(MediaType.TEXT_XML))) {
            return formats.byRootElement();
        }
        return formats.get(DEFAULT_FORMAT);
    }

    private Mono<List<RecordOutcome>> importBatch(SubmissionReader.Batch batch) {
        Mono<List<RecordOutcome>> imported = batch.valid().isEmpty()
                ? Mono.just(List.of())
                : importer.importBatch(batch.valid());
        return imported.map(outcomes -> {
            List<RecordOutcome> all = new ArrayList<>(outcomes);
            all.addAll(batch.rejected());
            all.sort(Comparator.comparingInt(RecordOutcome::index));
            return all;
        });
    }

    private ProblemException tooLarge(String what) {
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
                "A body may hold at most " + SubmissionLimits.describe(limits.maxBodySize())
                        + " (counted after gzip decoding); " + what + ". Split the submission.");
    }

    private ResponseEntity<Object> tooLarge(ImportSummary summary) {
        ProblemDetail problem = tooLarge("reading stopped at the limit; the records before it were processed")
                .getBody();
        summaryProperties(summary).forEach(problem::setProperty);
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static Map<String, Object> summaryProperties(ImportSummary summary) {
        return Map.of("importId", summary.importId(), "part", summary.part(), "report", summary.report(),
                "received", summary.received(), "created", summary.created(), "updated", summary.updated(),
                "unchanged", summary.unchanged(), "rejected", summary.rejected(), "errors", summary.errors(),
                "errorsOmitted", summary.errorsOmitted());
    }

    /**
     * The answer to a body read to its end: its summary, or a problem when it held no record at all, or only records
     * that were all rejected. A body whose records hold no work (an ORCID record listing none) is answered with its
     * summary of nothing.
     */
    private static ResponseEntity<Object> respond(ImportSummary summary, boolean heldRecords) {
        if (summary.received() == 0 && heldRecords) {
            return ResponseEntity.ok(summary);
        }
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
        summaryProperties(summary).forEach(problem::setProperty);
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
