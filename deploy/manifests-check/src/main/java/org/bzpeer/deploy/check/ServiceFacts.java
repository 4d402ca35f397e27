package org.bzpeer.deploy.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bzpeer.schemas.Topic;
import org.bzpeer.schemas.Topics;

import tools.jackson.databind.JsonNode;

/**
 * What a service's code and configuration say about it, read from its module: its name (which is also its consumer
 * group and its Kafka user), its HTTP port, the topics its bindings consume and the topics its code publishes.
 *
 * @param module   the module directory name, e.g. {@code graph-service}
 * @param name     {@code spring.application.name}: consumer group, Kafka user, Deployment name
 * @param database {@code bzpeer.service-name}: the default database name
 * @param httpPort the default of {@code server.port}
 * @param consumes destinations of the input bindings
 * @param produces topics named by {@code Topics.X} in the service's main code (the outbox events it appends)
 */
public record ServiceFacts(String module, String name, String database, int httpPort, Set<String> consumes,
        Set<String> produces) {

    private static final Pattern PORT_DEFAULT = Pattern.compile("\\$\\{SERVER_PORT:(\\d+)}");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("\\bTopics\\.([A-Z][A-Z_]*)\\b");

    /** Every module of the repository named {@code *-service} with an {@code application.yml}. */
    public static List<ServiceFacts> all(Path repositoryRoot) {
        List<ServiceFacts> services = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repositoryRoot)) {
            for (Path module : modules.filter(path -> path.getFileName().toString().endsWith("-service")).sorted()
                    .toList()) {
                Path configuration = module.resolve("src/main/resources/application.yml");
                if (Files.isRegularFile(configuration)) {
                    services.add(read(module, configuration));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return services;
    }

    /** Dead-letter topics this service publishes to: one per consumed topic. */
    public Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        consumes.forEach(topic -> topics.add(Topics.deadLetterTopic(topic, name)));
        return topics;
    }

    private static ServiceFacts read(Path module, Path configuration) {
        JsonNode yaml = Yaml.tree(configuration);
        String name = Yaml.text(yaml, "spring", "application", "name");
        String database = Yaml.text(yaml, "bzpeer", "service-name");
        Matcher port = PORT_DEFAULT.matcher(String.valueOf(Yaml.text(yaml, "server", "port")));
        Set<String> consumes = new TreeSet<>();
        yaml.path("spring").path("cloud").path("stream").path("bindings").properties().forEach(binding -> {
            if (binding.getKey().matches(".*-in-\\d+") && binding.getValue().has("destination")) {
                consumes.add(binding.getValue().path("destination").asString());
            }
        });
        return new ServiceFacts(module.getFileName().toString(), name, database,
                port.find() ? Integer.parseInt(port.group(1)) : 8080, consumes, producedTopics(module));
    }

    private static Set<String> producedTopics(Path module) {
        Set<String> topics = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher constant = TOPIC_CONSTANT.matcher(Files.readString(source));
                while (constant.find()) {
                    topicNamed(constant.group(1)).ifPresent(topic -> topics.add(topic.name()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    private static java.util.Optional<Topic<?>> topicNamed(String constant) {
        try {
            return Topics.class.getField(constant).get(null) instanceof Topic<?> topic
                    ? java.util.Optional.of(topic) : java.util.Optional.empty();
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return java.util.Optional.empty();
        }
    }
}
