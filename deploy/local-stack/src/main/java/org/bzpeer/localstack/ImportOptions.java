package org.bzpeer.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code deploy/import} (see {@link BulkImport#USAGE}): the inputs, where ingest-service is,
 * the token, and how to send. The token comes from {@code --token}, else {@code BZPEER_PIPELINE_TOKEN}, else the
 * tokens file deploy/local/run writes.
 */
record ImportOptions(List<Path> paths, String url, String token, String format, String name, int parallel,
        boolean quiet, boolean help) {

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static ImportOptions parse(String[] args, Map<String, String> environment, Path tokensFile) {
        List<Path> paths = new ArrayList<>();
        String url = environment.getOrDefault("BZPEER_INGEST_URL", "http://127.0.0.1:8081");
        String token = environment.get("BZPEER_PIPELINE_TOKEN");
        String format = null;
        String name = null;
        int parallel = 2;
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = value(args, ++i, "--url");
                case "--token" -> token = value(args, ++i, "--token");
                case "--format" -> format = value(args, ++i, "--format");
                case "--name" -> name = value(args, ++i, "--name");
                case "--parallel" -> parallel = parallel(value(args, ++i, "--parallel"));
                case "--quiet" -> quiet = true;
                case "--help", "-h" -> {
                    return new ImportOptions(List.of(), url, token, format, name, parallel, quiet, true);
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    paths.add(Path.of(args[i]));
                }
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("name at least one file or folder to import");
        }
        if (token == null) {
            token = tokenFromFile(tokensFile);
        }
        return new ImportOptions(List.copyOf(paths), url.replaceAll("/+$", ""), token, format, name, parallel, quiet,
                false);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int parallel(String value) {
        try {
            int parallel = Integer.parseInt(value);
            if (parallel >= 1 && parallel <= 16) {
                return parallel;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--parallel must be a number from 1 to 16, not " + value);
    }

    private static String tokenFromFile(Path tokensFile) {
        if (!Files.isRegularFile(tokensFile)) {
            throw new IllegalArgumentException("no token: pass --token, set BZPEER_PIPELINE_TOKEN, or start "
                    + "deploy/local/run, which writes " + tokensFile);
        }
        try {
            for (String line : Files.readAllLines(tokensFile)) {
                String trimmed = line.strip().replaceFirst("^export\\s+", "");
                if (trimmed.startsWith("BZPEER_PIPELINE_TOKEN=")) {
                    return trimmed.substring("BZPEER_PIPELINE_TOKEN=".length()).replaceAll("^['\"]|['\"]$", "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException(tokensFile + " holds no BZPEER_PIPELINE_TOKEN");
    }
}
