package org.bzpeer.deploy.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * What the shared service defaults ({@code bzpeer-service-defaults.yml}) and the code say about every service: the
 * actuator base path, which endpoints are exposed, which health groups exist, the database pool size, and the names
 * of the meters the code registers.
 *
 * @param actuatorBasePath   {@code management.endpoints.web.base-path} ({@code /actuator} when unset)
 * @param exposedEndpoints   {@code management.endpoints.web.exposure.include}
 * @param probesEnabled      {@code management.endpoint.health.probes.enabled}
 * @param healthGroups       the groups under {@code management.endpoint.health.group}
 * @param databasePoolMax    {@code spring.r2dbc.pool.max-size}: connections one instance may hold
 * @param meterNames         the dotted names of every meter the main code of the repository registers
 */
public record KitFacts(String actuatorBasePath, Set<String> exposedEndpoints, boolean probesEnabled,
        Set<String> healthGroups, int databasePoolMax, Set<String> meterNames) {

    static final String DEFAULTS = "service-kit/src/main/resources/bzpeer-service-defaults.yml";
    private static final Pattern METER = Pattern.compile(
            "(?:Counter|Gauge|Timer|DistributionSummary)\\.builder\\(\"(bzpeer\\.[a-z.]+)\""
                    + "|\\.(?:counter|gauge|timer|summary)\\(\"(bzpeer\\.[a-z.]+)\"");

    public static KitFacts read(Path repositoryRoot) {
        JsonNode defaults = Yaml.tree(repositoryRoot.resolve(DEFAULTS));
        String basePath = Yaml.text(defaults, "management", "endpoints", "web", "base-path");
        String exposed = Yaml.text(defaults, "management", "endpoints", "web", "exposure", "include");
        Set<String> groups = new TreeSet<>();
        defaults.path("management").path("endpoint").path("health").path("group").propertyNames()
                .forEach(groups::add);
        String poolMax = Yaml.text(defaults, "spring", "r2dbc", "pool", "max-size");
        return new KitFacts(basePath == null ? "/actuator" : basePath,
                exposed == null ? Set.of() : new TreeSet<>(Arrays.asList(exposed.split("\\s*,\\s*"))),
                "true".equals(Yaml.text(defaults, "management", "endpoint", "health", "probes", "enabled")),
                groups, poolMax == null ? 10 : Integer.parseInt(poolMax), meterNames(repositoryRoot));
    }

    private static Set<String> meterNames(Path repositoryRoot) {
        Set<String> names = new TreeSet<>();
        for (Path sourceRoot : mainSourceRoots(repositoryRoot)) {
            try (Stream<Path> sources = Files.walk(sourceRoot)) {
                for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                    Matcher meter = METER.matcher(Files.readString(source));
                    while (meter.find()) {
                        names.add(meter.group(1) != null ? meter.group(1) : meter.group(2));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** {@code src/main/java} of every module, top-level or under {@code deploy/}. */
    private static List<Path> mainSourceRoots(Path repositoryRoot) {
        try (Stream<Path> top = Files.list(repositoryRoot);
                Stream<Path> deploy = Files.list(repositoryRoot.resolve("deploy"))) {
            return Stream.concat(top, deploy).map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
