package org.bzpeer.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code deploy/bench/pipeline}.
 *
 * @param repository    the repository root (where deploy/local/run is)
 * @param sharedData    the shared data directory holding the OpenAlex sample
 * @param works         size of the synthetic corpus
 * @param skipSynthetic measure the sample only
 * @param keepData      keep the stacks' data directories after the run
 * @param connections   concurrent connections posting chunks of works
 */
public record BenchOptions(Path repository, Path sharedData, long works, boolean skipSynthetic, boolean keepData,
        int connections) {

    public static final long DEFAULT_WORKS = 1_000_000;
    public static final int DEFAULT_CONNECTIONS = 4;

    public static final String USAGE = """
            Usage: deploy/bench/pipeline [--works N] [--skip-synthetic] [--keep-data] [--connections K] [--help]

            Measures the whole pipeline (ingest -> Kafka -> profile, graph, trust) on the local stack's real broker
            and PostgreSQL, started afresh, and prints every figure as a ratio to a baseline taken in the same run.

              --works N         works in the synthetic corpus (default 1,000,000; at least 1)
              --skip-synthetic  only the OpenAlex sample (a quick run)
              --keep-data       keep the stacks' data directories under target/bench/ afterwards
              --connections K   concurrent connections posting chunks of works (default 4)
              --help            show this help

            Environment: BZPEER_SHARED_DATA (default <repo>/../shared/data) holds the OpenAlex sample.
            """;

    /** Thrown for a command line that cannot be run; the message says why. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The options in {@code arguments}; {@code --repo DIR} is added by the script, not typed by people. */
    public static BenchOptions parse(List<String> arguments, String sharedDataVariable) throws UsageException {
        Path repository = null;
        long works = DEFAULT_WORKS;
        boolean skipSynthetic = false;
        boolean keepData = false;
        int connections = DEFAULT_CONNECTIONS;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--repo" -> repository = Path.of(value(arguments, ++i, argument));
                case "--works" -> works = positive(value(arguments, ++i, argument), argument);
                case "--connections" -> connections = Math.toIntExact(Math.min(64,
                        positive(value(arguments, ++i, argument), argument)));
                case "--skip-synthetic" -> skipSynthetic = true;
                case "--keep-data" -> keepData = true;
                default -> throw new UsageException("unknown argument: " + argument);
            }
        }
        if (repository == null) {
            throw new UsageException("--repo DIR is required (deploy/bench/pipeline passes it)");
        }
        Path sharedData = sharedDataVariable == null || sharedDataVariable.isBlank()
                ? repository.resolve("../shared/data").normalize() : Path.of(sharedDataVariable);
        return new BenchOptions(repository, sharedData, works, skipSynthetic, keepData, connections);
    }

    private static String value(List<String> arguments, int index, String flag) throws UsageException {
        if (index >= arguments.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return arguments.get(index);
    }

    private static long positive(String value, String flag) throws UsageException {
        String digits = value.replace(",", "").replace("_", "");
        if (!digits.matches("[0-9]{1,12}") || Long.parseLong(digits) < 1) {
            throw new UsageException(flag + " needs a whole number of at least 1, not '" + value + "'");
        }
        return Long.parseLong(digits);
    }
}
