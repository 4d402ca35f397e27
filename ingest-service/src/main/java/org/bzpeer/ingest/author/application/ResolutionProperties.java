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
 * @param linger    how long a changed block waits before it is resolved, so changes to one block arriving together
 *                  are resolved together; new works held for their authors wait about this long to be published
 *                  (during a bulk import resolution runs back to back whatever the linger: on the first 30 arXiv pages
 *                  3 s and 500 ms both took 171 resolution batches)
 * @param batchSize blocks resolved per transaction
 * @param maxHold   how long a new work may be held for its authors before it is published as recorded anyway (none
 *                  should wait so long: a held work waits only for blocks its import marked; a safety net)
 */
@Validated
@ConfigurationProperties("bzpeer.ingest.resolution")
public record ResolutionProperties(
        @DefaultValue("500ms") Duration linger,
        @DefaultValue("200") @Min(1) @Max(10000) int batchSize,
        @DefaultValue("5m") Duration maxHold) {
}
