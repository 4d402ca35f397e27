package org.bzpeer.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceInstanceTest {

    @Test
    void readsTheInstancesTheRunScriptLists() {
        assertThat(ServiceInstance.parse("  graph-2    http://127.0.0.1:8182  pid 6389     log /d/logs/graph-2.log"))
                .contains(new ServiceInstance("graph-2", 8182, 6389));
        assertThat(ServiceInstance.parse("  profile    http://127.0.0.1:8080  pid 12     log /d/logs/profile.log"))
                .contains(new ServiceInstance("profile", 8080, 12));
    }

    @Test
    void ignoresEveryOtherLine() {
        assertThat(ServiceInstance.parse("Services:")).isEmpty();
        assertThat(ServiceInstance.parse("  curl localhost:8080/actuator/health        (every instance listed above)"))
                .isEmpty();
        assertThat(ServiceInstance.parse("Kafka:       127.0.0.1:9092")).isEmpty();
    }
}
