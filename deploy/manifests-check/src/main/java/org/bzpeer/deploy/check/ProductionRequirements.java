package org.bzpeer.deploy.check;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What the prod overlay promises: 3 brokers and 3 controllers, every topic on 3 replicas with min.insync.replicas 2,
 * 3 PostgreSQL instances per cluster, and at least 2 instances of every service, also under KEDA.
 */
public final class ProductionRequirements {

    private ProductionRequirements() {
    }

    public static List<String> check(List<Resource> resources) {
        Manifests manifests = new Manifests(resources);
        List<String> violations = new ArrayList<>();
        int brokers = 0;
        int controllers = 0;
        for (Resource pool : manifests.ofKind("KafkaNodePool")) {
            String roles = pool.spec().path("roles").toString();
            int replicas = pool.spec().path("replicas").asInt(0);
            brokers += roles.contains("\"broker\"") ? replicas : 0;
            controllers += roles.contains("\"controller\"") ? replicas : 0;
        }
        require(violations, brokers == 3, "3 brokers, found " + brokers);
        require(violations, controllers == 3, "3 controllers, found " + controllers);
        for (Resource kafka : manifests.ofKind("Kafka")) {
            JsonNode config = kafka.spec().path("kafka").path("config");
            require(violations, config.path("default.replication.factor").asInt(0) == 3,
                    kafka + ": default.replication.factor 3");
            require(violations, config.path("min.insync.replicas").asInt(0) == 2, kafka + ": min.insync.replicas 2");
        }
        for (Resource topic : manifests.ofKind("KafkaTopic")) {
            require(violations, topic.spec().path("replicas").asInt(0) == 3, topic + ": replicas 3");
            require(violations, topic.spec().path("config").path("min.insync.replicas").asInt(0) == 2,
                    topic + ": min.insync.replicas 2");
        }
        for (Resource cluster : manifests.ofKind("Cluster")) {
            require(violations, cluster.spec().path("instances").asInt(0) == 3, cluster + ": 3 PostgreSQL instances");
        }
        for (Resource deployment : manifests.ofKind("Deployment")) {
            require(violations, deployment.spec().path("replicas").asInt(0) >= 2, deployment + ": at least 2 replicas");
        }
        for (Resource scaled : manifests.ofKind("ScaledObject")) {
            require(violations, scaled.spec().path("minReplicaCount").asInt(0) >= 2,
                    scaled + ": minReplicaCount at least 2");
        }
        return violations;
    }

    private static void require(List<String> violations, boolean met, String requirement) {
        if (!met) {
            violations.add("prod requires " + requirement);
        }
    }
}
