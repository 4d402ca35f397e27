package org.bzpeer.bench.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local stack ({@code deploy/local/run --no-build --no-demo}) started on a data directory for one benchmark
 * phase: Kafka, PostgreSQL and the service instances. Ready once the script says it is running; its output goes to
 * {@code <data-dir>/run.log}, and the instances are read from the list it prints. {@link #close()} sends it SIGTERM,
 * upon which it stops everything it started, and waits for that.
 *
 * <p>Invariant: a stack that could not start is stopped before the exception leaves {@link #start}.
 */
public final class LocalStack implements AutoCloseable {

    /** What the run script prints once every process is ready. */
    static final String RUNNING_LINE = "running; press Ctrl-C to stop everything";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Path dataDirectory;
    private final List<ServiceInstance> instances = Collections.synchronizedList(new ArrayList<>());
    private final List<String> recentOutput = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch running = new CountDownLatch(1);
    private final Thread outputReader;

    private LocalStack(Process process, Path dataDirectory, Consumer<String> progress) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.outputReader = new Thread(() -> readOutput(progress), "local-stack-output");
        outputReader.setDaemon(true);
        outputReader.start();
    }

    /**
     * Starts the stack on {@code dataDirectory}, which must be fresh, with further {@code arguments} of the run script
     * ({@code --replicas graph=2,trust=2}, {@code --supervise}; none for one instance of each service), and waits
     * until it is ready.
     *
     * @param progress receives the few lines worth showing while it starts and runs
     */
    public static LocalStack start(Path repository, Path dataDirectory, List<String> arguments,
            Consumer<String> progress) throws IOException, InterruptedException {
        return start(repository, dataDirectory, arguments, Map.of(), progress);
    }

    /**
     * Like {@link #start(Path, Path, List, Consumer)}, with {@code environment} added to the run script's (e.g.
     * {@code BZPEER_PORT_OFFSET} for a stack beside a running one, {@code BZPEER_SERVICE_JAVA_OPTS}).
     */
    public static LocalStack start(Path repository, Path dataDirectory, List<String> arguments,
            Map<String, String> environment, Consumer<String> progress) throws IOException, InterruptedException {
        Files.createDirectories(dataDirectory);
        List<String> command = new ArrayList<>(List.of(repository.resolve("deploy/local/run").toString(),
                "--no-build", "--no-demo", "--data-dir", dataDirectory.toString()));
        command.addAll(arguments);
        progress.accept("starting the stack: " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        LocalStack stack = new LocalStack(process, dataDirectory, progress);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stopQuietly, "local-stack-stop"));
        try {
            stack.awaitRunning();
        } catch (RuntimeException | InterruptedException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void readOutput(Consumer<String> progress) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(dataDirectory.resolve("run.log")), true)) {
            String line;
            while ((line = output.readLine()) != null) {
                log.println(line);
                remember(line);
                if (line.startsWith("supervise:")) {
                    progress.accept("  " + line);
                }
                ServiceInstance.parse(line).ifPresent(instances::add);
                if (line.startsWith("stack up") || line.startsWith("stopped")) {
                    progress.accept("  " + line);
                }
                if (line.equals(RUNNING_LINE)) {
                    running.countDown();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remember(String line) {
        recentOutput.add(line);
        if (recentOutput.size() > 60) {
            recentOutput.remove(0);
        }
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!running.await(1, TimeUnit.SECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the local stack did not start (see " + dataDirectory.resolve("run.log")
                        + "); its last output:\n" + String.join("\n", recentOutput));
            }
        }
        if (instances.isEmpty()) {
            throw new IllegalStateException("the run script listed no service instances");
        }
    }

    public List<ServiceInstance> instances() {
        return List.copyOf(instances);
    }

    /** The first instance of {@code service}. */
    public ServiceInstance instance(String service) {
        return instances().stream().filter(instance -> instance.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no instance of " + service));
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The pid of the process {@code name} ({@code kafka}, {@code postgres}, an instance) as last started. */
    public long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dataDirectory.resolve("pids").resolve(name)).trim());
    }

    /** With {@code --supervise}: keeps the run script from starting {@code name} again until {@link #release}. */
    public void hold(String name) throws IOException {
        Files.writeString(dataDirectory.resolve("hold").resolve(name), "held by the chaos run\n");
    }

    /** Lets the run script start {@code name} again. */
    public void release(String name) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve("hold").resolve(name));
    }

    /** The pipeline token (scope works:write) the run script wrote. */
    public String pipelineToken() throws IOException {
        return devToken("BZPEER_PIPELINE_TOKEN");
    }

    /** The operator token (scope ops:admin, for metrics) the run script wrote. */
    public String opsToken() throws IOException {
        return devToken("BZPEER_OPS_TOKEN");
    }

    private String devToken(String variable) throws IOException {
        return Files.readAllLines(dataDirectory.resolve("dev-tokens.env")).stream()
                .filter(line -> line.startsWith(variable + "="))
                .map(line -> line.substring(variable.length() + 1))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + variable + " in dev-tokens.env"));
    }

    /** For the shutdown hook: a benchmark that is interrupted still stops the stack it started. */
    private void stopQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the stack (SIGTERM to the run script, which stops what it started) and waits for it to finish. The
     * signal is sent through the process handle: {@link Process#destroy()} would also close the script's output pipe,
     * and the script, killed by SIGPIPE on its next line of output, would leave its processes running.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.toHandle().destroyForcibly();
                process.waitFor();
            }
        }
        outputReader.join(STOP_TIMEOUT.toMillis());
    }
}
