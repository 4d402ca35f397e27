package org.bzpeer.ingest.author.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How author resolution runs behind imports.
 *
 * @param linger    how long a changed block waits before it is resolved, so a bulk import's many changes to one
 *                  block are resolved together rather than once per batch
 * @param batchSize blocks resolved per transaction
 */
@Validated
@ConfigurationProperties("bzpeer.ingest.resolution")
public record ResolutionProperties(
        @DefaultValue("3s") Duration linger,
        @DefaultValue("200") @Min(1) @Max(10000) int batchSize) {
}
