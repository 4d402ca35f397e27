package org.bzpeer.deploy.check;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository under test, the pinned operator schemas beside it, and every check run on a {@code deploy/k8s}
 * tree (the real one, or a broken copy of it). Tests that need what this machine may lack (kubectl, the shared
 * schemas) skip with a message saying so.
 */
final class DeployTree {

    static final Path ROOT = Path.of(System.getProperty("bzpeer.repository.root", "../..")).toAbsolutePath()
            .normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path COMPOSE = ROOT.resolve("deploy/compose/compose.yaml");
    static final Path SCHEMAS = ROOT.resolveSibling("shared").resolve("deploy-schemas");
    static final List<String> OVERLAYS = List.of("base", "overlays/dev", "overlays/prod");

    private static CustomResourceSchemas customResourceSchemas;

    private DeployTree() {
    }

    static List<ServiceFacts> services() {
        return ServiceFacts.all(ROOT);
    }

    static KitFacts kit() {
        return KitFacts.read(ROOT);
    }

    static void assumeKubectl() {
        assumeTrue(Kustomize.kubectl().isPresent(), "kubectl is not on the PATH: overlays are not rendered here");
    }

    static void assumeSchemas() {
        assumeTrue(Files.isDirectory(SCHEMAS), "no " + SCHEMAS + ": custom resources are not validated here");
    }

    static synchronized CustomResourceSchemas customResourceSchemas() {
        if (customResourceSchemas == null) {
            customResourceSchemas = CustomResourceSchemas.load(SCHEMAS);
        }
        return customResourceSchemas;
    }

    /** Every object of an overlay: rendered by kubectl where it is installed, else the base's plain files. */
    static List<Resource> resources(Path k8s, String overlay) {
        return Kustomize.kubectl().isPresent() ? Kustomize.render(k8s.resolve(overlay))
                : Kustomize.plainResources(k8s.resolve(overlay));
    }

    /** What every check finds wrong with one overlay of a deploy/k8s tree: schemas, core kinds, cross-checks. */
    static List<String> violations(Path k8s, String overlay) {
        List<Resource> resources = resources(k8s, overlay);
        List<String> violations = new ArrayList<>();
        for (Resource resource : resources) {
            if (CoreKinds.knows(resource)) {
                violations.addAll(CoreKinds.validate(resource));
            } else {
                violations.addAll(customResourceSchemas().validate(resource));
            }
        }
        violations.addAll(CrossChecks.check(resources, services(), kit()));
        if (overlay.endsWith("prod")) {
            violations.addAll(ProductionRequirements.check(resources));
        }
        violations.addAll(CrossChecks.checkDashboard(
                Yaml.read(k8s.resolve("base/monitoring/bzpeer-dashboard.json")), kit()));
        return violations;
    }
}
