package org.bzpeer.trust.assessment.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How trust-service batches its reassessments.
 *
 * @param assessmentBatchSize most authors reassessed in one transaction
 * @param assessmentLinger    how long a touched author waits before the reassessment, so that a work and the graph
 *                            summary it causes (which follows within moments) change the assessment, and publish it,
 *                            once
 */
@Validated
@ConfigurationProperties("bzpeer.trust")
public record TrustProperties(
        @DefaultValue("2000") @Min(1) @Max(100000) int assessmentBatchSize,
        @DefaultValue("2s") Duration assessmentLinger) {
}
