package org.bzpeer.deploy.check;

import tools.jackson.databind.JsonNode;

/** One Kubernetes object of a rendered overlay (or of a base file), with where it came from for messages. */
record Resource(JsonNode body, String origin) {

    String apiVersion() {
        return Yaml.text(body, "apiVersion");
    }

    String kind() {
        return Yaml.text(body, "kind");
    }

    String name() {
        return Yaml.text(body, "metadata", "name");
    }

    /** The API group, empty for the core group. */
    String group() {
        String apiVersion = apiVersion() == null ? "" : apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    JsonNode spec() {
        return body.path("spec");
    }

    boolean is(String kind) {
        return kind.equals(kind());
    }

    @Override
    public String toString() {
        return kind() + "/" + name() + " (" + origin + ")";
    }
}
