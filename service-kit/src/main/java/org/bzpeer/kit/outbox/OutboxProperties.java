package org.bzpeer.kit.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How the outbox relay publishes.
 *
 * @param batchSize     most rows published per transaction
 * @param pollInterval  how long the relay waits for new rows when nothing woke it
 * @param retryDelay    pause after a failed publication (broker or database down); doubles while failures last
 * @param maxRetryDelay longest pause between attempts while failures last
 * @param sendTimeout   how long to wait for the broker to acknowledge a batch
 * @param stepTimeout   longest one publication step may take (database and broker together) before it is given up,
 *                      rolled back and tried again: a connection that died with its database never stalls the relay
 * @param enabled       false only for an instance that must publish nothing (a read-model rebuild that is compared
 *                      with the live one); its events stay in the outbox
 * @param faultInjection for chaos testing only: faults the relay causes on purpose; all off by default
 */
@Validated
@ConfigurationProperties("bzpeer.outbox")
public record OutboxProperties(
        @DefaultValue("500") @Min(1) @Max(10000) int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("500ms") Duration retryDelay,
        @DefaultValue("10s") Duration maxRetryDelay,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("45s") Duration stepTimeout,
        @DefaultValue("true") boolean enabled,
        @DefaultValue FaultInjection faultInjection) {

    /**
     * Faults injected on purpose, for chaos testing only ({@code deploy/chaos/run}); never set them in production.
     *
     * @param haltAfterPublish halt the JVM ({@link Runtime#halt}, exit status
     *                         {@value OutboxRelay#FAULT_INJECTION_HALT_STATUS}) after the broker has acknowledged a
     *                         batch and before its rows are deleted: the one window in which a crash makes the relay
     *                         publish the same events again after a restart
     *                         ({@code bzpeer.outbox.fault-injection.halt-after-publish}, default false)
     */
    public record FaultInjection(@DefaultValue("false") boolean haltAfterPublish) {

        /** No fault injected: what every deployment runs with. */
        public static final FaultInjection NONE = new FaultInjection(false);
    }
}
