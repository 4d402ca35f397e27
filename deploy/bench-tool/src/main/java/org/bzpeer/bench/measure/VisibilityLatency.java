package org.bzpeer.bench.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency from POST to visible under a steady offered load: single new works are posted at a fixed rate (open loop:
 * the schedule does not wait for answers), and each one's {@code work} row is polled for in every read model. The
 * work id is looked up in ingest's {@code work_identifier} by the DOI the work was posted with, since ingest's answer
 * carries counts only. A latency runs from just before the POST to the poll that first saw the row, so it includes
 * up to one poll interval.
 */
public final class VisibilityLatency {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(60);
    private static final int SENDERS = 8;

    /**
     * Latencies per read model, and for each work until the last read model showed it.
     *
     * @param posted    works posted
     * @param perService percentiles per service of the works it showed in time
     * @param allServices percentiles of the time until every service showed a work
     * @param missing   per service, works not seen within the wait after the last POST
     * @param failed    POSTs that failed or did not create a work, with the first reason
     */
    public record Result(int posted, Map<String, Percentiles> perService, Percentiles allServices,
            Map<String, Integer> missing, int failed, String firstFailure) {
    }

    /** One probe work: its DOI and its body in our JSON format. */
    public record Probe(String doi, byte[] body) {
    }

    private VisibilityLatency() {
    }

    public static Result measure(WorkPoster poster, ServiceDatabases ingest, ServiceDatabases readModels,
            List<String> services, List<Probe> probes, double worksPerSecond) throws InterruptedException {
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        Map<String, Map<String, Long>> seen = new HashMap<>();
        services.forEach(service -> seen.put(service, new ConcurrentHashMap<>()));
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicReference<Exception> pollFailure = new AtomicReference<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        Thread poller = new Thread(() -> poll(readModels, services, postedAt, seen, pollFailure),
                "visibility-poller");
        poller.setDaemon(true);
        poller.start();
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / worksPerSecond);
        for (int i = 0; i < probes.size(); i++) {
            long due = start + i * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Probe probe = probes.get(i);
            senders.execute(() -> {
                long sent = System.nanoTime();
                try {
                    ImportCounts answer = poster.postOne(probe.body());
                    if (answer.created() != 1) {
                        throw new IllegalStateException("not created: " + answer + " " + answer.firstErrors());
                    }
                    String workId = ingest.ingestWorkIdByDoi(probe.doi())
                            .orElseThrow(() -> new IllegalStateException("ingest does not know " + probe.doi()));
                    postedAt.put(workId, sent);
                } catch (Exception e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + STRAGGLER_WAIT.toNanos();
        while (System.nanoTime() < deadline && poller.isAlive() && !allSeen(postedAt, seen)) {
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        poller.interrupt();
        poller.join();
        if (pollFailure.get() != null) {
            throw new IllegalStateException("polling the read models failed", pollFailure.get());
        }
        return result(probes.size(), services, postedAt, seen, failed.get(), firstFailure.get());
    }

    private static void poll(ServiceDatabases readModels, List<String> services, Map<String, Long> postedAt,
            Map<String, Map<String, Long>> seen, AtomicReference<Exception> failure) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (String service : services) {
                    Map<String, Long> seenHere = seen.get(service);
                    List<String> pending = postedAt.keySet().stream().filter(id -> !seenHere.containsKey(id)).toList();
                    if (!pending.isEmpty()) {
                        long now = System.nanoTime();
                        for (String workId : readModels.worksAmong(service, pending)) {
                            seenHere.put(workId, now - postedAt.get(workId));
                        }
                    }
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failure.set(e);
                return;
            }
        }
    }

    private static boolean allSeen(Map<String, Long> postedAt, Map<String, Map<String, Long>> seen) {
        return seen.values().stream().allMatch(seenHere -> seenHere.keySet().containsAll(postedAt.keySet()));
    }

    private static Result result(int posted, List<String> services, Map<String, Long> postedAt,
            Map<String, Map<String, Long>> seen, int failed, String firstFailure) {
        Map<String, Percentiles> perService = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (String service : services) {
            Map<String, Long> seenHere = seen.get(service);
            if (!seenHere.isEmpty()) {
                perService.put(service, Percentiles.ofNanos(seenHere.values().stream().mapToLong(Long::longValue)
                        .toArray()));
            }
            missing.put(service, postedAt.size() - seenHere.size());
        }
        List<Long> everywhere = new ArrayList<>();
        for (String workId : postedAt.keySet()) {
            long slowest = 0;
            boolean inAll = true;
            for (String service : services) {
                Long latency = seen.get(service).get(workId);
                inAll &= latency != null;
                slowest = Math.max(slowest, latency == null ? 0 : latency);
            }
            if (inAll) {
                everywhere.add(slowest);
            }
        }
        Percentiles all = everywhere.isEmpty() ? null
                : Percentiles.ofNanos(everywhere.stream().mapToLong(Long::longValue).toArray());
        return new Result(posted, perService, all, missing, failed, firstFailure);
    }
}
