package org.bzpeer.ingest.work.api;

import java.net.URI;
import java.util.UUID;

import org.bzpeer.ingest.work.application.ImportReports;
import org.bzpeer.ingest.work.application.ImportReports.ImportReport;
import org.bzpeer.ingest.work.application.ImportReports.RejectionPage;
import org.bzpeer.kit.web.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

/**
 * Imports and their reports: a bulk import opens an import, sends each file as a part
 * ({@code POST /api/v1/imports/{id}/parts}, see {@link WorkImportController}) and finishes it; anyone who may submit
 * works (or an operator) reads any import's report while it runs and afterwards.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    private static final String REPORT_READERS = "hasAnyAuthority('SCOPE_works:write', 'SCOPE_ops:admin')";

    private final ImportReports reports;

    ImportController(ImportReports reports) {
        this.reports = reports;
    }

    /**
     * What opens an import, every field optional.
     *
     * @param name          a label for people, e.g. the snapshot's name
     * @param expectedBytes how many bytes the parts will hold, when known, for progress
     */
    record ImportRequest(String name, Long expectedBytes) {
    }

    @ApiResponse(responseCode = "201", description = "Open: the import's report, at Location")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('SCOPE_works:write')")
    Mono<ResponseEntity<ImportReport>> open(@RequestBody(required = false) ImportRequest request,
            @AuthenticationPrincipal Jwt caller) {
        ImportRequest asked = request == null ? new ImportRequest(null, null) : request;
        if (asked.expectedBytes() != null && asked.expectedBytes() < 0) {
            throw ProblemException.invalid("expectedBytes", "must not be negative");
        }
        if (asked.name() != null && asked.name().length() > 500) {
            throw ProblemException.invalid("name", "must be at most 500 characters long");
        }
        return reports.open(asked.name(), caller.getSubject(), asked.expectedBytes())
                .flatMap(reports::report)
                .map(report -> ResponseEntity.created(URI.create("/api/v1/imports/" + report.id())).body(report));
    }

    @GetMapping(path = "/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(REPORT_READERS)
    Mono<ImportReport> report(@PathVariable UUID importId) {
        return reports.report(importId);
    }

    @GetMapping(path = "/{importId}/rejections", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(REPORT_READERS)
    Mono<RejectionPage> rejections(@PathVariable UUID importId, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return reports.rejectionPage(importId, cursor, limit);
    }

    @PostMapping(path = "/{importId}/finish", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('SCOPE_works:write')")
    Mono<ImportReport> finish(@PathVariable UUID importId) {
        return reports.finish(importId);
    }
}
