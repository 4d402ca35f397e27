package org.bzpeer.deploy.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** The objects of one rendered overlay, with the look-ups the cross-checks need. */
public record Manifests(List<Resource> resources) {

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(resource -> resource.is(kind)).toList();
    }

    Optional<Resource> find(String kind, String name) {
        return resources.stream().filter(resource -> resource.is(kind) && name.equals(resource.name())).findFirst();
    }

    /** The data of a ConfigMap, empty when there is none of that name. */
    Map<String, String> configMapData(String name) {
        Map<String, String> data = new LinkedHashMap<>();
        find("ConfigMap", name).ifPresent(map -> map.body().path("data").properties()
                .forEach(entry -> data.put(entry.getKey(), entry.getValue().asString())));
        return data;
    }

    /**
     * The environment of a container as the kubelet builds it: ConfigMaps named in {@code envFrom} first, then
     * {@code env}, which wins. Values taken from Secrets are shown as {@code secret:<name>/<key>}.
     */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String configMap = Yaml.text(source, "configMapRef", "name");
            if (configMap != null) {
                environment.putAll(configMapData(configMap));
            }
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
            JsonNode configMap = variable.path("valueFrom").path("configMapKeyRef");
            String value;
            if (secret.isObject()) {
                value = "secret:" + Yaml.text(secret, "name") + "/" + Yaml.text(secret, "key");
            } else if (configMap.isObject()) {
                value = configMapData(Yaml.text(configMap, "name")).get(Yaml.text(configMap, "key"));
            } else {
                value = Yaml.text(variable, "value");
            }
            environment.put(Yaml.text(variable, "name"), value);
        }
        return environment;
    }

    /** The partitions of a topic by its Kafka name (spec.topicName, else metadata.name), if a KafkaTopic has it. */
    Optional<Integer> partitions(String topic) {
        return ofKind("KafkaTopic").stream().filter(resource -> topic.equals(topicName(resource)))
                .map(resource -> resource.spec().path("partitions").asInt(0)).findFirst();
    }

    static String topicName(Resource kafkaTopic) {
        String topicName = Yaml.text(kafkaTopic.body(), "spec", "topicName");
        return topicName != null ? topicName : kafkaTopic.name();
    }
}
