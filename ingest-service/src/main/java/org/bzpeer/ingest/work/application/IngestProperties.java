package org.bzpeer.ingest.work.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How ingest-service imports submissions.
 *
 * @param batchSize           records imported per database transaction; a failing batch is retried record by record
 * @param maxBatchAuthorships a batch is closed early once its works hold this many authorships between them, so one
 *                            transaction resolves a bounded number of authors whatever the author lists look like
 */
@Validated
@ConfigurationProperties("bzpeer.ingest")
public record IngestProperties(
        @DefaultValue("500") @Min(1) @Max(10000) int batchSize,
        @DefaultValue("50000") @Min(1) int maxBatchAuthorships) {
}
