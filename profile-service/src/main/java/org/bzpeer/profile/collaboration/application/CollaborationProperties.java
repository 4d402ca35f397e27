package org.bzpeer.profile.collaboration.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits on collaboration requests.
 *
 * @param messageMaxLength most characters in a request's message
 * @param requestsPerWindow most requests one sender may send within {@code window}
 * @param window            the sliding window of the per-sender limit
 */
@Validated
@ConfigurationProperties("bzpeer.profile.collaboration")
public record CollaborationProperties(
        @DefaultValue("2000") @Min(1) @Max(100000) int messageMaxLength,
        @DefaultValue("10") @Min(1) int requestsPerWindow,
        @DefaultValue("1h") Duration window) {
}
