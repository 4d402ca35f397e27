package org.bzpeer.deploy.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Checks the Compose file against the services' code and configuration: every service is there with its own image
 * and port, starts only once Kafka and PostgreSQL are healthy, is itself health-checked on its readiness group on
 * the management port, and finds its database created by the PostgreSQL init script.
 */
public final class ComposeChecks {

    private ComposeChecks() {
    }

    public static List<String> check(Path composeFile, List<ServiceFacts> services, KitFacts kit) {
        JsonNode compose = Yaml.tree(composeFile);
        List<String> violations = new ArrayList<>();
        String initScript = initScript(composeFile);
        for (ServiceFacts service : services) {
            JsonNode definition = compose.path("services").path(service.module());
            if (!definition.isObject()) {
                violations.add("compose: no service " + service.module());
                continue;
            }
            String prefix = "compose service " + service.module() + ": ";
            JsonNode environment = definition.path("environment");
            if (!String.valueOf(Yaml.text(definition, "image")).contains("/" + service.module() + ":")) {
                violations.add(prefix + "image " + Yaml.text(definition, "image") + " is not " + service.module()
                        + "'s");
            }
            String port = environment.path("SERVER_PORT").asString(String.valueOf(service.httpPort()));
            if (!definition.path("ports").toString().contains(":" + port + "\"")) {
                violations.add(prefix + "does not publish its HTTP port " + port);
            }
            for (String dependency : List.of("kafka", "postgres")) {
                JsonNode condition = definition.path("depends_on").path(dependency).path("condition");
                if (!"service_healthy".equals(condition.asString(""))) {
                    violations.add(prefix + "must wait until " + dependency + " is healthy (depends_on condition)");
                }
                if (!compose.path("services").path(dependency).has("healthcheck")) {
                    violations.add("compose service " + dependency + ": has no healthcheck to wait for");
                }
            }
            String managementPort = environment.path("MANAGEMENT_SERVER_PORT").asString("");
            String healthcheck = definition.path("healthcheck").path("test").toString();
            String readiness = kit.actuatorBasePath() + "/health/readiness";
            if (managementPort.isEmpty() || !healthcheck.contains("/" + managementPort)
                    || !healthcheck.contains(readiness)) {
                violations.add(prefix + "healthcheck must ask " + readiness + " on MANAGEMENT_SERVER_PORT "
                        + managementPort + ", asks " + healthcheck);
            }
            String database = environment.path("BZPEER_DB_NAME").asString(service.database());
            if (!initScript.contains("CREATE DATABASE " + database + " ")) {
                violations.add(prefix + "database " + database + " is not created by the PostgreSQL init script");
            }
        }
        return violations;
    }

    /** The SQL mounted into the PostgreSQL container's init directory, next to the Compose file. */
    private static String initScript(Path composeFile) {
        Path script = composeFile.resolveSibling("postgres-init.sql");
        return Files.isRegularFile(script) ? Yaml.read(script) : "";
    }
}
