package org.bzpeer.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker baseline: Kafka's own {@code kafka-producer-perf-test} ({@code org.apache.kafka.tools.ProducerPerformance}
 * from kafka-tools) in a JVM of its own, writing fixed-size records with {@code acks=all} and no throttle to a
 * scratch topic on the stack's broker. What a producer can push through this broker on this machine right now.
 */
public final class ProducerPerfBaseline {

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec "
            + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, "
            + "(\\d+) ms 95th, (\\d+) ms 99th.*$");

    /**
     * The final summary of one producer-perf-test run.
     *
     * @param records          records sent
     * @param recordsPerSecond records per second
     * @param megabytesPerSecond MB (2^20 bytes) per second
     * @param p99Millis        99th percentile of the send latency
     */
    public record Result(long records, double recordsPerSecond, double megabytesPerSecond, long p99Millis) {
    }

    private ProducerPerfBaseline() {
    }

    /** Runs the test to completion; its output is kept in {@code log}. */
    public static Result run(String bootstrapServers, String topic, int records, int recordSize, Path log)
            throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.language=en", "-Duser.country=US",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic,
                "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(recordSize),
                "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        List<String> output = Files.readAllLines(log);
        if (exit != 0) {
            throw new IllegalStateException("producer-perf-test exited with " + exit + "; see " + log);
        }
        return output.stream().map(ProducerPerfBaseline::parseSummary).flatMap(Optional::stream)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("no summary line in " + log));
    }

    /** The final summary line ({@code ... ms 50th, ... ms 99th, ...}), if {@code line} is one. */
    static Optional<Result> parseSummary(String line) {
        Matcher matcher = SUMMARY.matcher(line.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Result(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                Double.parseDouble(matcher.group(3)), Long.parseLong(matcher.group(8))));
    }
}
