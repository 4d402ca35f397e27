package org.bzpeer.bench.chaos;

import java.nio.file.Path;

/**
 * The chaos run's command line.
 *
 * @param repository     the repository root (given by the wrapper script)
 * @param sharedData     where the shared data lives ({@code BZPEER_SHARED_DATA}, default {@code <repo>/../shared/data})
 * @param works          works to import in all (the OpenAlex sample, then synthetic works up to this number)
 * @param worksPerSecond the pace of the import, so that it lasts while the faults are injected
 * @param keepData       keep the stack's data directory under {@code target/chaos/stack}
 * @param help           print the usage and stop
 */
record ChaosOptions(Path repository, Path sharedData, long works, double worksPerSecond, boolean keepData,
        boolean help) {

    static final String USAGE = """
            Usage: deploy/chaos/run [--works N] [--rate WORKS_PER_SECOND] [--keep-data] [--no-build] [--help]

            Starts the local stack (deploy/local/run --supervise) on a fresh data directory under target/chaos/,
            imports the OpenAlex sample and synthetic works (N in all, default 20000; synthetic only when
            ../shared/data is missing) at a steady pace (default 60 works/s) and a burst of follows and unfollows,
            while it kills each service with SIGKILL (the run script starts it again), restarts the broker, stops
            PostgreSQL for 12 s, and halts an ingest instance between publishing an outbox batch and deleting it.
            Then it compares every read model with figures computed from its own input and prints, per fault, the
            records in flight, lost, doubled and dead-lettered (also written to target/chaos/chaos.txt). Exit
            status 1 when anything was lost, doubled or dead-lettered. --no-build uses the jars of the last build.
            """;

    static ChaosOptions parse(String[] args) {
        Path repository = null;
        long works = 20_000;
        double rate = 60;
        boolean keepData = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repo" -> repository = Path.of(value(args, ++i, "--repo"));
                case "--works" -> works = Long.parseLong(value(args, ++i, "--works"));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, "--rate"));
                case "--keep-data" -> keepData = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (repository == null) {
            throw new IllegalArgumentException("--repo is required (the wrapper script passes it)");
        }
        if (works < 1 || rate <= 0) {
            throw new IllegalArgumentException("--works and --rate must be positive");
        }
        String named = System.getenv("BZPEER_SHARED_DATA");
        Path sharedData = named != null && !named.isBlank() ? Path.of(named)
                : repository.resolve("../shared/data").normalize();
        return new ChaosOptions(repository, sharedData, works, rate, keepData, help);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }
}
