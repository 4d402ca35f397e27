package org.bzpeer.ingest.work.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.http.MediaType;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * How the API document describes a handler that reads a body of works itself (from the request, so springdoc sees
 * no body parameter): the body's media types and the {@link ImportSummary} it answers with.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Operation(requestBody = @RequestBody(required = true, description = "Work records in the format ?format= or the "
        + "content type's format parameter names (without a name: an Atom body is arXiv's, another XML body is known "
        + "by its root element, JSON is bzpeer's): one JSON object, a JSON array of them, a source's list page, "
        + "NDJSON (one per line) or an XML document; optionally gzip-encoded (Content-Encoding: gzip)", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(types = {"array", "object"})),
            @Content(mediaType = WorkImportController.NDJSON, schema = @Schema(type = "string")),
            @Content(mediaType = WorkImportController.JSON_LINES, schema = @Schema(type = "string")),
            @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string")),
            @Content(mediaType = MediaType.TEXT_XML_VALUE, schema = @Schema(type = "string")),
            @Content(mediaType = MediaType.APPLICATION_ATOM_XML_VALUE, schema = @Schema(type = "string"))}),
        responses = @ApiResponse(responseCode = "200", description = "At least one record was imported: what became "
                + "of each record", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = ImportSummary.class))))
@interface WorksSubmission {
}
