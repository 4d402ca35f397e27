package org.bzpeer.kit.health;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP while the Kafka cluster answers a describe-cluster request within three seconds; part of readiness. */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;

    public KafkaHealthIndicator(Admin admin) {
        super("Kafka is not reachable");
        this.admin = admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        int brokers = cluster.nodes().get(3, TimeUnit.SECONDS).size();
        builder.up().withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS)).withDetail("brokers", brokers);
    }
}
