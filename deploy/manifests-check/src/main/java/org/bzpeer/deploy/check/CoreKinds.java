package org.bzpeer.deploy.check;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Validates Kubernetes core kinds by reading them into the fabric8 Kubernetes model: a value of the wrong type fails
 * to read, and a field the model does not know (a typo Kubernetes would silently drop) is reported wherever it sits.
 */
public final class CoreKinds {

    private static final Map<String, Class<?>> MODEL = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 Namespace", Namespace.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    private static final ObjectMapper READER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CoreKinds() {
    }

    /** Whether the resource is a core kind this check reads. */
    public static boolean knows(Resource resource) {
        return MODEL.containsKey(resource.apiVersion() + " " + resource.kind());
    }

    /** What is wrong with the resource against the Kubernetes model; empty when it is valid. */
    public static List<String> validate(Resource resource) {
        Class<?> type = MODEL.get(resource.apiVersion() + " " + resource.kind());
        if (type == null) {
            return List.of(resource + ": not a core kind this check knows");
        }
        Object parsed;
        try {
            parsed = READER.readValue(resource.body().toString(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return List.of(resource + ": " + e.getOriginalMessage());
        }
        List<String> violations = new ArrayList<>();
        unknownFields(parsed, "", resource, violations);
        return violations;
    }

    /** Reports every model object below {@code value} that holds fields the model has no property for. */
    private static void unknownFields(Object value, String path, Resource resource, List<String> violations) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + index++ + "]", resource, violations);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> unknownFields(element, path + "." + key, resource, violations));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    violations.add(resource + ": unknown field(s) " + unknown.keySet() + " at "
                            + (path.isEmpty() ? "the top level" : path.substring(1)));
                }
            } else {
                unknownFields(property, path + "." + property(getter), resource, violations);
            }
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + getter, e);
        }
    }
}
