package org.bzpeer.kit.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN while any consumer is waiting out a transient failure (its batch is redelivered until the failure passes),
 * UP otherwise; part of readiness, so a service whose database is down stops receiving traffic meanwhile.
 */
public class ConsumerHealth extends AbstractHealthIndicator {

    private final Map<String, String> failing = new ConcurrentHashMap<>();

    void failing(String consumer, Throwable failure) {
        failing.put(consumer, failure.toString());
    }

    void recovered(String consumer) {
        failing.remove(consumer);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (failing.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("waitingOut", Map.copyOf(failing));
        }
    }
}
