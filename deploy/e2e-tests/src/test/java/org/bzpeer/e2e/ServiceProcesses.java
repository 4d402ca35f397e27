package org.bzpeer.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestTokens;

/**
 * The four services started from their packaged jars as separate JVMs, exactly as deployed, against the test JVM's
 * real broker and PostgreSQL (one database each). Each logs to {@code target/e2e-logs/<service>.log}.
 */
final class ServiceProcesses implements AutoCloseable {

    static final List<String> SERVICES = List.of("ingest", "profile", "graph", "trust");

    private final Path repository;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    ServiceProcesses(Path repository) {
        this.repository = repository;
    }

    /** Starts every service and waits until all report ready; fails with the log tail of a service that died. */
    void startAll(Duration timeout) {
        String brokers = TestInfrastructure.kafkaBootstrapServers();
        for (String service : SERVICES) {
            start(service, brokers);
        }
        long started = System.nanoTime();
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String service : SERVICES) {
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new IllegalStateException(service + "-service exited with " + process.exitValue()
                            + ":\n" + logTail(service));
                }
            }
            return SERVICES.stream().allMatch(this::isReady);
        });
        System.out.printf("All services ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    int port(String service) {
        return ports.get(service);
    }

    String baseUrl(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    private void start(String service, String brokers) {
        Path jar = repository.resolve(service + "-service/target/" + service + "-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify from the repository root");
        }
        TestInfrastructure.DatabaseCoordinates database = TestInfrastructure.database(service);
        int port = freePort();
        Path log = repository.resolve("deploy/e2e-tests/target/e2e-logs/" + service + ".log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toString())))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("BZPEER_KAFKA_BOOTSTRAP_SERVERS", brokers);
        environment.put("BZPEER_DB_HOST", database.host());
        environment.put("BZPEER_DB_PORT", String.valueOf(database.port()));
        environment.put("BZPEER_DB_NAME", database.name());
        environment.put("BZPEER_DB_USER", database.user());
        environment.put("BZPEER_DB_PASSWORD", database.password());
        environment.put("BZPEER_JWT_PUBLIC_KEY", TestTokens.publicKeyFile().toString());
        try {
            processes.put(service, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service + "-service", e);
        }
        ports.put(service, port);
    }

    private boolean isReady(String service) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                            URI.create(baseUrl(service) + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String logTail(String service) {
        try {
            List<String> lines = Files.readAllLines(
                    repository.resolve("deploy/e2e-tests/target/e2e-logs/" + service + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every service: SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
