package org.bzpeer.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every check fails on a deliberately broken copy of the real files: each case copies {@code deploy/k8s} (or
 * {@code deploy/compose}) to {@code target/broken-copies/}, changes one thing, and expects the violation that names
 * it. Nothing broken is ever committed; the copies are made here.
 */
class BrokenCopiesTest {

    private static final Path COPIES = Path.of("target/broken-copies").toAbsolutePath();

    /** One deliberate mistake: in {@code file} (relative to deploy/k8s), the first {@code from} becomes {@code to}. */
    record Breakage(String name, String overlay, String file, String from, String to, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Breakage> BREAKAGES = List.of(
            new Breakage("CRD schema: unknown field in a KafkaUser ACL", "base", "base/kafka/users.yaml",
                    "operations: [Read]", "operation: [Read]", "KafkaUser/ingest-service"),
            new Breakage("CRD schema: partitions of the wrong type", "base", "base/kafka/topics.yaml",
                    "partitions: 12", "partitions: twelve", "KafkaTopic/work.imported"),
            new Breakage("CRD schema: unknown ScaledObject field", "base", "base/services/graph-service.yaml",
                    "maxReplicaCount: 12", "maxReplicas: 12", "ScaledObject/graph-service"),
            new Breakage("core kind: unknown Deployment field", "base", "base/services/profile-service.yaml",
                    "terminationGracePeriodSeconds: 45", "terminationGracePeriod: 45",
                    "unknown field(s) [terminationGracePeriod] at spec.template.spec"),
            new Breakage("core kind: Service port of the wrong type", "base", "base/services/graph-service.yaml",
                    "port: 8082", "port: eighty", "Service/graph-service"),
            new Breakage("probe path the services do not answer", "base", "base/services/ingest-service.yaml",
                    "path: /actuator/health/liveness", "path: /actuator/health/live",
                    "asks /actuator/health/live, the services answer on /actuator/health/liveness"),
            new Breakage("probes on another port than actuator's", "base", "base/services/ingest-service.yaml",
                    "name: MANAGEMENT_SERVER_PORT\n              value: \"9090\"",
                    "name: MANAGEMENT_SERVER_PORT\n              value: \"9091\"",
                    "actuator listens on MANAGEMENT_SERVER_PORT 9091"),
            new Breakage("consumer group that is not the service's", "base", "base/services/trust-service.yaml",
                    "consumerGroup: trust-service", "consumerGroup: trust", "watches consumer group trust,"),
            new Breakage("topic missing, an unknown one declared", "base", "base/kafka/topics.yaml",
                    "name: follow.deleted\n", "name: follow.removed\n", "no KafkaTopic for topic follow.deleted"),
            new Breakage("topic retention that is not the code's", "base", "base/kafka/topics.yaml",
                    "cleanup.policy: compact", "cleanup.policy: delete", "cleanup.policy must be compact"),
            new Breakage("maxReplicaCount above the partitions", "base", "base/services/graph-service.yaml",
                    "maxReplicaCount: 12", "maxReplicaCount: 24", "maxReplicaCount 24 exceeds the 12 partitions"),
            new Breakage("topic replicas above the brokers", "base", "base/kafka/topics.yaml",
                    "replicas: 1", "replicas: 3", "has 3 replicas but cluster bzpeer-kafka has only 1 brokers"),
            new Breakage("Secret key the operator does not write", "base", "base/services/profile-service.yaml",
                    "key: username", "key: user-name", "reads key user-name of Secret profile-db-app"),
            new Breakage("Secret nobody writes", "base", "base/services/graph-service.yaml",
                    "name: graph-db-app", "name: graph-database-app", "reads Secret graph-database-app"),
            new Breakage("grace period shorter than the shutdown", "base", "base/services/trust-service.yaml",
                    "terminationGracePeriodSeconds: 45", "terminationGracePeriodSeconds: 20",
                    "terminationGracePeriodSeconds 20 is not longer than"),
            new Breakage("ACL on another service's group", "base", "base/kafka/users.yaml",
                    "name: graph-service\n        patternType: literal\n      operations: [Read]",
                    "name: trust-service\n        patternType: literal\n      operations: [Read]",
                    "grants group trust-service, but its group is graph-service"),
            new Breakage("services creating topics the operator owns", "base", "base/services/common.yaml",
                    "BZPEER_KAFKA_CREATE_TOPICS: \"false\"", "BZPEER_KAFKA_CREATE_TOPICS: \"true\"",
                    "must run with BZPEER_KAFKA_CREATE_TOPICS=false"),
            new Breakage("dashboard metric no code exports", "base", "base/monitoring/bzpeer-dashboard.json",
                    "bzpeer_outbox_backlog", "bzpeer_outbox_waiting", "dashboard queries bzpeer_outbox_waiting"),
            new Breakage("prod with 2 PostgreSQL instances", "overlays/prod", "overlays/prod/kustomization.yaml",
                    "path: /spec/instances\n        value: 3", "path: /spec/instances\n        value: 2",
                    "prod requires Cluster/ingest-db"),
            new Breakage("HPA beside a ScaledObject", "base", "base/services/ingest-service.yaml",
                    "---\napiVersion: v1\nkind: Service",
                    """
                    ---
                    apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata:
                      name: ingest-service
                    spec:
                      scaleTargetRef:
                        apiVersion: apps/v1
                        kind: Deployment
                        name: ingest-service
                      minReplicas: 1
                      maxReplicas: 4
                    ---
                    apiVersion: v1
                    kind: Service""", "which a ScaledObject already scales"));

    @ParameterizedTest
    @FieldSource("BREAKAGES")
    void everyCheckFailsOnABrokenCopy(Breakage breakage) {
        DeployTree.assumeSchemas();
        if (!breakage.overlay().equals("base")) {
            DeployTree.assumeKubectl();
        }
        Path k8s = brokenCopy(DeployTree.K8S, breakage.name(), breakage.file(), breakage.from(), breakage.to());

        assertThat(DeployTree.violations(k8s, breakage.overlay()))
                .anySatisfy(violation -> assertThat(violation).contains(breakage.expected()));
    }

    @Test
    void renderingFailsOnAKustomizationNamingAMissingFile() {
        DeployTree.assumeKubectl();
        Path k8s = brokenCopy(DeployTree.K8S, "kustomization naming a missing file", "base/kustomization.yaml",
                "services/trust-service.yaml", "services/trust.yaml");

        assertThatThrownBy(() -> Kustomize.render(k8s.resolve("overlays/dev")))
                .isInstanceOf(Kustomize.KustomizeException.class).hasMessageContaining("trust.yaml");
    }

    @Test
    void composeSchemaFailsOnAnUnknownDependencyCondition() {
        DeployTree.assumeSchemas();
        Path compose = brokenCopy(DeployTree.COMPOSE.getParent(), "compose dependency condition", "compose.yaml",
                "condition: service_healthy", "condition: healthy");
        ComposeSchema schema = ComposeSchema.load(DeployTree.SCHEMAS.resolve("compose-spec/compose-spec.json"));

        assertThat(schema.validate(compose.resolve("compose.yaml"))).isNotEmpty();
    }

    @Test
    void composeCheckFailsOnAHealthcheckOfTheWrongGroup() {
        Path compose = brokenCopy(DeployTree.COMPOSE.getParent(), "compose healthcheck", "compose.yaml",
                "/actuator/health/readiness", "/actuator/health/ready");

        assertThat(ComposeChecks.check(compose.resolve("compose.yaml"), DeployTree.services(), DeployTree.kit()))
                .anySatisfy(violation -> assertThat(violation)
                        .contains("healthcheck must ask /actuator/health/readiness"));
    }

    /** A copy of {@code tree} under target/ with the first {@code from} in {@code file} replaced by {@code to}. */
    private static Path brokenCopy(Path tree, String name, String file, String from, String to) {
        Path copy = COPIES.resolve(name.replaceAll("[^A-Za-z0-9]+", "-"));
        try {
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(tree.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path broken = copy.resolve(file);
            String text = Files.readString(broken);
            assertThat(text).as("the text to break in " + file).contains(from);
            Files.writeString(broken, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
