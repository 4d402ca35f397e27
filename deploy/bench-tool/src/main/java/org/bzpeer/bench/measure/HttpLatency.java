package org.bzpeer.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Latency of GET requests to a server, one at a time on one connection, measured against a probe on the same server
 * in the same loop: each target request is followed by a probe request, so both see the same machine load.
 */
public final class HttpLatency {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * The target's and the probe's percentiles.
     *
     * @param target     latencies of the target requests (cycling through the target URIs)
     * @param probe      latencies of the probe requests
     * @param errors     target answers other than 200
     */
    public record Result(Percentiles target, Percentiles probe, int errors) {
    }

    private HttpLatency() {
    }

    /** {@code warmUp} unmeasured rounds, then {@code samples} measured ones. */
    public static Result againstProbe(HttpClient http, List<URI> targets, URI probe, int warmUp, int samples)
            throws IOException, InterruptedException {
        long[] targetNanos = new long[samples];
        long[] probeNanos = new long[samples];
        int errors = 0;
        for (int round = 0; round < warmUp + samples; round++) {
            long start = System.nanoTime();
            int status = get(http, targets.get(round % targets.size()));
            long targetTime = System.nanoTime() - start;
            start = System.nanoTime();
            int probeStatus = get(http, probe);
            long probeTime = System.nanoTime() - start;
            if (probeStatus != 200) {
                throw new IllegalStateException("the probe " + probe + " answered " + probeStatus);
            }
            if (round >= warmUp) {
                targetNanos[round - warmUp] = targetTime;
                probeNanos[round - warmUp] = probeTime;
                if (status != 200) {
                    errors++;
                }
            }
        }
        return new Result(Percentiles.ofNanos(targetNanos), Percentiles.ofNanos(probeNanos), errors);
    }

    private static int get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
