package org.bzpeer.bench.measure;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bzpeer.bench.stack.ServiceInstance;

/**
 * Samples the heap in use of every service instance once a second from {@code /actuator/prometheus} (with an
 * operator token: metrics need scope {@code ops:admin}) and keeps the peak per instance, for as long as it runs. A
 * sample that fails (an instance busy or stopping) is skipped.
 */
public final class MemorySampler implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final List<ServiceInstance> instances;
    private final String opsToken;
    private final Map<String, Long> peakHeap = new ConcurrentHashMap<>();
    private final Thread sampler;

    public MemorySampler(HttpClient http, List<ServiceInstance> instances, String opsToken) {
        this.http = http;
        this.instances = List.copyOf(instances);
        this.opsToken = opsToken;
        this.sampler = new Thread(this::sampleUntilClosed, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The highest heap in use seen on {@code instance}, in bytes (0 when no sample succeeded). */
    public long peakHeapBytes(ServiceInstance instance) {
        return peakHeap.getOrDefault(instance.name(), 0L);
    }

    private void sampleUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            for (ServiceInstance instance : instances) {
                try {
                    HttpRequest request = HttpRequest.newBuilder(instance.uri("/actuator/prometheus"))
                            .header("Authorization", "Bearer " + opsToken).timeout(TIMEOUT).GET().build();
                    String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                    peakHeap.merge(instance.name(), PrometheusText.heapUsedBytes(body), Math::max);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample; the next one comes a second later
                }
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
    }
}
