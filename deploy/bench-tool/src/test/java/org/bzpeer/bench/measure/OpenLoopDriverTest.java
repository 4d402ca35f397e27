package org.bzpeer.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The open-loop driver against a real HTTP server in this JVM: answers with a length, chunked, slow and failing. */
class OpenLoopDriverTest {

    private static final byte[] BODY = "{\"a\":1}".repeat(5_000).getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/sized", exchange -> answer(exchange, 200, BODY.length));
        server.createContext("/chunked", exchange -> answer(exchange, 200, 0));
        server.createContext("/missing", exchange -> answer(exchange, 404, BODY.length));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, BODY.length);
        });
        server.start();
    }

    private void answer(HttpExchange exchange, int status, long length)
            throws IOException {
        served.incrementAndGet();
        exchange.sendResponseHeaders(status, length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(BODY);
        }
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void sendsEveryRequestOnScheduleAndReadsSizedAndChunkedAnswersToTheirEnd() throws IOException {
        LoadResult result = new OpenLoopDriver(List.of(uri("/sized"), uri("/chunked")), 4)
                .run(200, Duration.ofSeconds(1));

        assertThat(result.requests()).isEqualTo(200);
        assertThat(served).hasValue(200);
        assertThat(result.errors()).isZero();
        assertThat(result.seconds()).isBetween(0.9, 5.0);
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
    }

    @Test
    void countsAnswersOfFourHundredOrMoreAsErrors() throws IOException {
        LoadResult result = new OpenLoopDriver(List.of(uri("/sized"), uri("/missing")), 2)
                .run(100, Duration.ofSeconds(1));

        assertThat(result.errors()).isEqualTo(50);
    }

    /** Two connections, 200 ms per answer, 20 due per second: the queue behind them shows in the latency. */
    @Test
    void latencyRunsFromWhenARequestWasDueSoWaitingForAConnectionCounts() throws IOException {
        LoadResult result = new OpenLoopDriver(List.of(uri("/slow")), 2).run(20, Duration.ofSeconds(1));

        assertThat(result.requests()).isEqualTo(20);
        assertThat(result.p50Millis()).isGreaterThan(400);
        assertThat(result.maxMillis()).isGreaterThan(1_000);
    }
}
