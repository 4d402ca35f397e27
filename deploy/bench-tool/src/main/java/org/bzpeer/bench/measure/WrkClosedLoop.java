package org.bzpeer.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Closed-loop HTTP load by {@code wrk} (one thread, {@code connections} keep-alive connections each sending a GET as
 * soon as the previous answer arrived): the most requests per second the server manages, with the latency at that
 * load, from a driver written in C that leaves the shared cores to the server. The targets are taken in turn by a Lua
 * script, which prints wrk's own counts and percentiles in one line this class reads.
 */
public final class WrkClosedLoop {

    /** The line the script prints when wrk is done. */
    static final String RESULT_PREFIX = "bzpeer-wrk";

    private static final String SCRIPT = """
            local paths = {%s}
            local counter = 0
            request = function()
              counter = counter + 1
              return wrk.format("GET", paths[(counter %% #paths) + 1], {["Accept"] = "application/json"})
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("%s requests=%%d duration_us=%%d p50_us=%%d p99_us=%%d max_us=%%d errors=%%d\\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
                e.connect + e.read + e.write + e.status + e.timeout))
            end
            """;

    private final Path workDirectory;

    /** Writes its Lua scripts into {@code workDirectory}. */
    public WrkClosedLoop(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /** wrk's version line, or a problem saying it is missing. */
    public static String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().findFirst().orElse("wrk").strip();
    }

    /** {@code connections} clients in a closed loop on {@code targets} (one host) for {@code duration}. */
    public LoadResult run(List<URI> targets, int connections, Duration duration)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile(workDirectory, "wrk-", ".lua");
        try {
            Files.writeString(script, script(targets));
            URI first = targets.get(0);
            Process process = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s",
                    "--timeout", "30s", "-s", script.toString(),
                    "http://" + first.getHost() + ":" + first.getPort()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static String script(List<URI> targets) {
        String paths = targets.stream()
                .map(target -> target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()))
                .map(path -> "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",\n  ", "\n  ", "\n"));
        return SCRIPT.formatted(paths, RESULT_PREFIX);
    }

    /** The figures in the line the script printed. */
    static LoadResult parse(String output) {
        String line = output.lines().filter(text -> text.startsWith(RESULT_PREFIX + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result line:\n" + output));
        Map<String, Long> figures = new TreeMap<>();
        for (String pair : line.substring(RESULT_PREFIX.length()).strip().split(" ")) {
            String[] nameAndValue = pair.split("=", 2);
            figures.put(nameAndValue[0], Long.parseLong(nameAndValue[1]));
        }
        return new LoadResult(figures.get("requests"), figures.get("duration_us") / 1e6,
                figures.get("p50_us") / 1e3, figures.get("p99_us") / 1e3, figures.get("max_us") / 1e3,
                figures.get("errors"));
    }
}
