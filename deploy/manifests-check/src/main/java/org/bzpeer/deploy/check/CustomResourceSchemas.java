package org.bzpeer.deploy.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates custom resources against the operators' own CRD schemas (the pinned copies in
 * {@code ../shared/deploy-schemas}), strictly: Kubernetes would silently prune a field the schema does not know, so
 * here every object with declared properties rejects any other property, as kubeconform's strict mode does.
 */
public final class CustomResourceSchemas {

    private final Map<String, Schema> schemas;

    private CustomResourceSchemas(Map<String, Schema> schemas) {
        this.schemas = schemas;
    }

    /** Loads every served version of every CRD found under {@code directory}, recursively. */
    public static CustomResourceSchemas load(Path directory) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        Map<String, Schema> schemas = new HashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode crd : Yaml.documents(file)) {
                    if (!"CustomResourceDefinition".equals(Yaml.text(crd, "kind"))) {
                        continue;
                    }
                    String group = Yaml.text(crd, "spec", "group");
                    String kind = Yaml.text(crd, "spec", "names", "kind");
                    for (JsonNode version : crd.path("spec").path("versions")) {
                        if (version.path("served").asBoolean(false)) {
                            JsonNode schema = strict(version.path("schema").path("openAPIV3Schema").deepCopy());
                            schemas.put(key(group + "/" + version.path("name").asString(), kind),
                                    registry.getSchema(schema));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CustomResourceSchemas(schemas);
    }

    /** Whether a schema is known for the resource's apiVersion and kind. */
    public boolean knows(Resource resource) {
        return schemas.containsKey(key(resource.apiVersion(), resource.kind()));
    }

    /** What is wrong with the resource against its CRD schema; empty when it is valid. */
    public List<String> validate(Resource resource) {
        Schema schema = schemas.get(key(resource.apiVersion(), resource.kind()));
        if (schema == null) {
            return List.of(resource + ": no CRD schema for " + resource.apiVersion() + " " + resource.kind());
        }
        List<String> violations = new ArrayList<>();
        schema.validate(resource.body()).forEach(error -> violations.add(resource + ": " + error.getMessage()));
        return violations;
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    /**
     * Turns an OpenAPI v3 schema into a strict JSON Schema: {@code nullable} becomes a "null" type, and an object
     * with declared properties takes no other (unless Kubernetes keeps unknown fields there).
     */
    static JsonNode strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.path("nullable").asBoolean(false) && object.path("type").isString()) {
                ArrayNode types = object.arrayNode().add(object.path("type").asString()).add("null");
                object.set("type", types);
            }
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> strict(entry.getValue()));
        } else if (schema instanceof ArrayNode array) {
            array.forEach(CustomResourceSchemas::strict);
        }
        return schema;
    }
}
