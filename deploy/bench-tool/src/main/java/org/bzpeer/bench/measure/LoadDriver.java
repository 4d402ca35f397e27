package org.bzpeer.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP load on a server over loopback, in two shapes. Closed loop: {@code connections} clients each send a GET as
 * soon as the previous answer arrived, for a fixed time; gives the most requests per second the server (and this
 * client) manage, with the latency at that load. Fixed rate: GETs sent on a schedule whatever the answers do; each
 * latency is counted from when the request was due, not from when it was sent, so a server that falls behind shows
 * it (no coordinated omission). Targets are taken in turn.
 */
public final class LoadDriver {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * What one load run measured.
     *
     * @param requests answers received (any status)
     * @param seconds  how long the run took
     * @param latency  latency percentiles of all answers
     * @param errors   answers other than 200, and requests that failed
     */
    public record Result(long requests, double seconds, Percentiles latency, long errors) {

        public double perSecond() {
            return requests / seconds;
        }
    }

    /** Requests a fixed-rate load keeps open at most. */
    static final int MAX_IN_FLIGHT = 64;

    private final HttpClient http;

    public LoadDriver(HttpClient http) {
        this.http = http;
    }

    /** {@code connections} clients in a closed loop for {@code duration}. */
    public Result closedLoop(List<URI> targets, int connections, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<LongList> latencies = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            LongList mine = new LongList();
            latencies.add(mine);
            int offset = c * Math.max(1, targets.size() / connections);
            Thread client = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    long sent = System.nanoTime();
                    if (get(targets.get(i % targets.size())) != 200) {
                        errors.incrementAndGet();
                    }
                    mine.add(System.nanoTime() - sent);
                }
            }, "load-" + c);
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = LongList.concat(latencies);
        return new Result(all.length, seconds, Percentiles.ofNanos(all), errors.get());
    }

    /**
     * GETs at {@code perSecond} for {@code duration}, then waits for the last answers. At most
     * {@value #MAX_IN_FLIGHT} requests are open at once, as a gateway's connection pool would hold them: a request due
     * while all are open waits for one, and its latency still counts from when it was due, so queueing is measured,
     * never hidden, while the client does not open a connection per late request and bury the server in them.
     */
    public Result fixedRate(List<URI> targets, double perSecond, Duration duration) throws InterruptedException {
        int count = (int) Math.round(perSecond * duration.toNanos() / 1e9);
        long[] latencies = new long[count];
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<Void>> answers = new ArrayList<>(count);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / perSecond);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            HttpRequest request = HttpRequest.newBuilder(targets.get(i % targets.size())).timeout(TIMEOUT).GET()
                    .build();
            inFlight.acquire();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        latencies[index] = System.nanoTime() - due;
                        inFlight.release();
                        if (failure != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        return null;
                    }));
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("answers to the fixed-rate load did not all arrive", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(count, seconds, Percentiles.ofNanos(latencies), errors.get());
    }

    private int get(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A growable array of longs, one per client thread, so recording a latency allocates nothing. */
    private static final class LongList {
        private long[] values = new long[1 << 14];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        static long[] concat(List<LongList> lists) {
            long[] all = new long[lists.stream().mapToInt(list -> list.size).sum()];
            int at = 0;
            for (LongList list : lists) {
                System.arraycopy(list.values, 0, all, at, list.size);
                at += list.size;
            }
            return all;
        }
    }
}
