package org.bzpeer.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Kubernetes base and overlays render, every custom resource matches its operator's CRD schema, every core kind
 * reads into the Kubernetes model without unknown fields, and everything agrees with the code.
 */
class OverlaysTest {

    static final List<String> OVERLAYS = DeployTree.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyOverlayRendersTheWholeSystem(String overlay) {
        DeployTree.assumeKubectl();
        List<Resource> resources = Kustomize.render(DeployTree.K8S.resolve(overlay));

        assertThat(resources).extracting(Resource::kind).contains("Kafka", "KafkaNodePool", "KafkaTopic",
                "KafkaUser", "Cluster", "Deployment", "Service", "PodDisruptionBudget", "ScaledObject",
                "TriggerAuthentication", "ConfigMap");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectIsValidAndAgreesWithTheCode(String overlay) {
        DeployTree.assumeSchemas();
        if (!overlay.equals("base")) {
            DeployTree.assumeKubectl();
        }
        assertThat(DeployTree.violations(DeployTree.K8S, overlay)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectIsOfAKindThatIsValidated(String overlay) {
        DeployTree.assumeSchemas();
        if (!overlay.equals("base")) {
            DeployTree.assumeKubectl();
        }
        assertThat(DeployTree.resources(DeployTree.K8S, overlay))
                .allMatch(resource -> CoreKinds.knows(resource)
                        || DeployTree.customResourceSchemas().knows(resource), "is validated by a schema");
    }

    @Test
    void everyTopicAndDeadLetterTopicOfTheCodeIsDeclared() {
        DeployTree.assumeKubectl();
        List<String> declared = Kustomize.render(DeployTree.K8S.resolve("overlays/prod")).stream()
                .filter(resource -> resource.is("KafkaTopic")).map(Manifests::topicName).toList();

        assertThat(declared).contains("work.imported", "trust.updated", "work.imported.dlq.graph-service",
                "follow.deleted.dlq.trust-service");
        assertThat(declared).hasSize(org.bzpeer.schemas.Topics.ALL.size() + DeployTree.services().stream()
                .mapToInt(service -> service.deadLetterTopics().size()).sum());
    }
}
