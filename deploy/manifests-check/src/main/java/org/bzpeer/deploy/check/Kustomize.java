package org.bzpeer.deploy.check;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Renders a kustomization with {@code kubectl kustomize}, exactly as {@code kubectl apply -k} would, into the objects
 * it would apply. Where kubectl is missing, {@link #plainResources} reads the files a kustomization lists instead
 * (enough for a base, which has no patches).
 */
public final class Kustomize {

    private Kustomize() {
    }

    /** The kubectl on the PATH, if there is one. */
    public static Optional<Path> kubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The objects {@code kubectl kustomize directory} renders; fails with kubectl's own message when it cannot. */
    public static List<Resource> render(Path directory) {
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException("kubectl is not on the PATH"));
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                        .redirectOutput(output.toFile()).redirectErrorStream(false).start();
                String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new KustomizeException(directory, "kubectl kustomize did not finish within 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new KustomizeException(directory, errors.strip());
                }
                String origin = "kubectl kustomize " + directory.getFileName();
                return Yaml.documents(output).stream().map(body -> new Resource(body, origin)).toList();
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The objects of the files a kustomization lists under {@code resources}, without applying anything else. */
    public static List<Resource> plainResources(Path directory) {
        JsonNode kustomization = Yaml.tree(directory.resolve("kustomization.yaml"));
        List<Resource> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path file = directory.resolve(entry.asString());
            if (Files.isRegularFile(file)) {
                String origin = directory.relativize(file).toString();
                Yaml.documents(file).forEach(body -> resources.add(new Resource(body, origin)));
            }
        }
        return resources;
    }

    /** kubectl kustomize refused a kustomization. */
    public static final class KustomizeException extends RuntimeException {
        KustomizeException(Path directory, String message) {
            super("kubectl kustomize " + directory + " failed: " + message);
        }
    }
}
