package org.bzpeer.ingest.work.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How ingest-service takes in submissions.
 *
 * @param batchSize   records imported per database transaction; a failing batch is retried record by record
 * @param maxJsonBody largest {@code application/json} body accepted (NDJSON bodies are streamed and have no limit)
 */
@Validated
@ConfigurationProperties("bzpeer.ingest")
public record IngestProperties(
        @DefaultValue("500") @Min(1) @Max(10000) int batchSize,
        @DefaultValue("256MB") DataSize maxJsonBody) {
}
