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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestTokens;

/**
 * The four services started from their packaged jars as separate JVMs, exactly as deployed, several instances of each,
 * against the test JVM's real broker and PostgreSQL. The instances of one service share its database and its
 * consumer group, as replicas of a deployment do. Instance {@code n} of a service listens on a free port of its own
 * and logs to {@code target/e2e-logs/<service>-<n>.log}. Browsers may call every service from any loopback origin
 * (CORS), and profile-service's researcher pages call graph-service's first instance.
 */
final class ServiceProcesses implements AutoCloseable {

    static final List<String> SERVICES = List.of("ingest", "profile", "graph", "trust");

    /**
     * Partitions the services are asked to give every BZPEER topic they create ({@code BZPEER_KAFKA_PARTITIONS}), more
     * than the consumers of one group, so each instance gets a share.
     */
    static final int PARTITIONS = 12;

    /** The origins a browser test loads pages from: any port on the loopback interface. */
    private static final String LOOPBACK_ORIGINS = "http://127.0.0.1:[*],http://localhost:[*]";

    /** Small heaps and the C1 compiler only: all the instances share two cores with the broker and PostgreSQL. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** One running service JVM; {@code number} counts from 1 within its service. */
    record Instance(String service, int number, int port, Process process, Path log) {

        String name() {
            return service + "-" + number;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final Path repository;
    private final int instancesPerService;
    private final List<Instance> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    /** Planned before anything starts, so a service can be told where another one listens. */
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    ServiceProcesses(Path repository, int instancesPerService) {
        if (instancesPerService < 1) {
            throw new IllegalArgumentException("instances per service must be at least 1: " + instancesPerService);
        }
        this.repository = repository;
        this.instancesPerService = instancesPerService;
    }

    /**
     * Starts every instance of every service at once and waits until all report ready; fails with the log tail of an
     * instance that died.
     */
    void startAll(Duration timeout) {
        String brokers = TestInfrastructure.kafkaBootstrapServers();
        long started = System.nanoTime();
        for (String service : SERVICES) {
            for (int number = 1; number <= instancesPerService; number++) {
                ports.put(service + "-" + number, freePort());
            }
        }
        for (String service : SERVICES) {
            for (int number = 1; number <= instancesPerService; number++) {
                instances.add(start(service, number, brokers, ports.get(service + "-" + number), false));
            }
        }
        Map<String, Double> readyAfter = Collections.synchronizedMap(new LinkedHashMap<>());
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (Instance instance : instances) {
                if (!instance.process().isAlive()) {
                    throw new IllegalStateException(instance.name() + " exited with " + instance.process().exitValue()
                            + ":\n" + logTail(instance));
                }
                if (!readyAfter.containsKey(instance.name()) && isReady(instance)) {
                    readyAfter.put(instance.name(), (System.nanoTime() - started) / 1e9);
                }
            }
            return readyAfter.size() == instances.size();
        });
        System.out.printf(Locale.ROOT, "All %d service instances ready in %.1f s (each ready after, in s: %s)%n",
                instances.size(), (System.nanoTime() - started) / 1e9, readyAfter.entrySet().stream()
                        .map(entry -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue()))
                        .toList());
    }

    int instancesPerService() {
        return instancesPerService;
    }

    /** Every running instance, service by service. */
    List<Instance> instances() {
        return List.copyOf(instances);
    }

    /** The base URL of every instance of {@code service}, instance 1 first. */
    List<String> baseUrls(String service) {
        return instances.stream().filter(instance -> instance.service().equals(service)).map(Instance::baseUrl)
                .toList();
    }

    /** The base URL of instance {@code number} (from 1) of {@code service}. */
    String baseUrl(String service, int number) {
        return baseUrls(service).get(number - 1);
    }

    /**
     * Kills instance {@code number} of {@code service} with SIGKILL, as a crash would, then starts it again on the
     * same port and waits until it is ready.
     */
    void killAndRestart(String service, int number, Duration timeout) {
        Instance killed = instances.stream()
                .filter(instance -> instance.service().equals(service) && instance.number() == number)
                .findFirst().orElseThrow();
        killed.process().destroyForcibly();
        try {
            killed.process().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Instance restarted = start(service, number, TestInfrastructure.kafkaBootstrapServers(), killed.port(), true);
        instances.set(instances.indexOf(killed), restarted);
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!restarted.process().isAlive()) {
                throw new IllegalStateException(restarted.name() + " exited after its restart:\n"
                        + logTail(restarted));
            }
            return isReady(restarted);
        });
    }

    /** Whether instance {@code number} of {@code service} reports itself ready. */
    boolean isReady(String service, int number) {
        return instances.stream().filter(instance -> instance.service().equals(service) && instance.number() == number)
                .findFirst().map(this::isReady).orElse(false);
    }

    /** Starts an instance; its log is appended to when it is {@code restarted}, else written afresh. */
    private Instance start(String service, int number, String brokers, int port, boolean restarted) {
        Path jar = repository.resolve(service + "-service/target/" + service + "-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify from the repository root");
        }
        TestInfrastructure.DatabaseCoordinates database = TestInfrastructure.database(service);
        Path log = repository.resolve("deploy/e2e-tests/target/e2e-logs/" + service + "-" + number + ".log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(restarted ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("BZPEER_KAFKA_BOOTSTRAP_SERVERS", brokers);
        environment.put("BZPEER_KAFKA_PARTITIONS", String.valueOf(PARTITIONS));
        environment.put("BZPEER_DB_HOST", database.host());
        environment.put("BZPEER_DB_PORT", String.valueOf(database.port()));
        environment.put("BZPEER_DB_NAME", database.name());
        environment.put("BZPEER_DB_USER", database.user());
        environment.put("BZPEER_DB_PASSWORD", database.password());
        environment.put("BZPEER_JWT_PUBLIC_KEY", TestTokens.publicKeyFile().toString());
        environment.put("BZPEER_JWT_ISSUER", TestTokens.ISSUER);
        environment.put("BZPEER_JWT_AUDIENCES", TestTokens.AUDIENCE);
        environment.put("BZPEER_ORCID_ISSUERS", TestTokens.ISSUER);
        environment.put("BZPEER_CORS_ALLOWED_ORIGINS", LOOPBACK_ORIGINS);
        if (service.equals("profile")) {
            environment.put("BZPEER_WEB_GRAPH_URL", "http://127.0.0.1:" + ports.get("graph-1"));
        }
        try {
            return new Instance(service, number, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service + "-service instance " + number, e);
        }
    }

    private boolean isReady(Instance instance) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                            URI.create(instance.baseUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String logTail(Instance instance) {
        try {
            List<String> lines = Files.readAllLines(instance.log());
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

    /** Stops every instance: SIGTERM to all at once, then SIGKILL to any still running after 20 s. */
    @Override
    public void close() {
        instances.forEach(instance -> instance.process().destroy());
        for (Instance instance : instances) {
            try {
                if (!instance.process().waitFor(20, TimeUnit.SECONDS)) {
                    instance.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
