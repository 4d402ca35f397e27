package org.bzpeer.bench.measure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * GETs at a fixed rate over HTTP/1.1 keep-alive connections, open loop: request {@code i} is due at
 * {@code start + i / rate} whatever the answers do, and its latency is counted from when it was due, not from when it
 * was sent, so a server that falls behind shows it (no coordinated omission). At most {@code maxInFlight} requests are
 * open at once, one per connection, as a gateway's connection pool would hold them: a request due while every
 * connection is busy waits for one, its latency still running. One thread sends and reads everything through a
 * selector, with every request's bytes built before the run, and sleeps until the next request is due or an answer
 * arrives (a wait under a millisecond parks the thread rather than polling), so the driver costs the shared cores
 * little.
 *
 * <p>Answers are read to their end ({@code Content-Length} or chunked); a closed connection is opened again and the
 * request it carried counts as an error.
 */
public final class OpenLoopDriver {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final InetSocketAddress server;
    private final List<ByteBuffer> requests;
    private final int maxInFlight;

    /** Load on the targets, taken in turn; all on the same host and port. */
    public OpenLoopDriver(List<URI> targets, int maxInFlight) {
        URI first = targets.get(0);
        this.server = new InetSocketAddress(first.getHost(), first.getPort());
        this.maxInFlight = maxInFlight;
        this.requests = targets.stream().map(target -> {
            if (!target.getHost().equals(first.getHost()) || target.getPort() != first.getPort()) {
                throw new IllegalArgumentException("every target must be on " + server + ": " + target);
            }
            String request = "GET " + target.getRawPath() + (target.getRawQuery() == null ? "" : "?"
                    + target.getRawQuery()) + " HTTP/1.1\r\nHost: " + first.getHost() + ":" + first.getPort()
                    + "\r\nAccept: application/json\r\n\r\n";
            return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        }).toList();
    }

    /** {@code perSecond} GETs for {@code duration}, then waits for the last answers. */
    public LoadResult run(double perSecond, Duration duration) throws IOException {
        int count = (int) Math.round(perSecond * duration.toNanos() / 1e9);
        long[] latencies = new long[count];
        long errors = 0;
        try (Selector selector = Selector.open()) {
            Deque<Connection> idle = new ArrayDeque<>();
            for (int c = 0; c < maxInFlight; c++) {
                idle.add(connect(selector));
            }
            Deque<Integer> waiting = new ArrayDeque<>();
            long start = System.nanoTime();
            long drainUntil = Long.MAX_VALUE;
            int next = 0;
            int answered = 0;
            while (answered < count) {
                long now = System.nanoTime();
                while (next < count && due(start, next, perSecond) <= now) {
                    waiting.add(next++);
                }
                while (!waiting.isEmpty() && !idle.isEmpty()) {
                    int index = waiting.poll();
                    idle.poll().send(index, due(start, index, perSecond), requests.get(index % requests.size()));
                }
                if (next == count && drainUntil == Long.MAX_VALUE) {
                    drainUntil = now + DRAIN_TIMEOUT.toNanos();
                }
                if (now > drainUntil) {
                    throw new IllegalStateException((count - answered) + " answers to the fixed-rate load did not "
                            + "arrive within " + DRAIN_TIMEOUT.toSeconds() + " s");
                }
                long waitNanos = next < count ? due(start, next, perSecond) - now : DRAIN_TIMEOUT.toNanos();
                if (waitNanos >= 1_000_000) {
                    selector.select(waitNanos / 1_000_000);
                } else {
                    if (waitNanos > 0) {
                        LockSupport.parkNanos(waitNanos);
                    }
                    selector.selectNow();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    Answer answer = connection.read();
                    if (!connection.busy && answer == Answer.CLOSED) {
                        idle.remove(connection);
                        idle.add(connect(selector));
                    }
                    if (answer == Answer.PENDING || !connection.busy) {
                        continue;
                    }
                    connection.busy = false;
                    latencies[connection.index] = System.nanoTime() - connection.due;
                    answered++;
                    if (answer != Answer.OK) {
                        errors++;
                    }
                    idle.add(answer == Answer.CLOSED ? connect(selector) : connection);
                }
                selector.selectedKeys().clear();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            Percentiles latency = Percentiles.ofNanos(latencies);
            return new LoadResult(count, seconds, latency.millis(50), latency.millis(99), latency.millis(100),
                    errors);
        }
    }

    private static long due(long start, int index, double perSecond) {
        return start + (long) (index * 1e9 / perSecond);
    }

    private Connection connect(Selector selector) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        Connection connection = new Connection(channel);
        channel.register(selector, SelectionKey.OP_READ, connection);
        return connection;
    }

    /** What a read made of the answer on a connection. */
    enum Answer { PENDING, OK, FAILED, CLOSED }

    /** One keep-alive connection carrying one request at a time. */
    private static final class Connection {
        private final SocketChannel channel;
        private final ResponseReader reader = new ResponseReader();
        private final ByteBuffer input = ByteBuffer.allocate(64 * 1024);
        private int index;
        private long due;
        private boolean busy;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(int requestIndex, long dueAt, ByteBuffer request) throws IOException {
            index = requestIndex;
            due = dueAt;
            busy = true;
            reader.reset();
            ByteBuffer bytes = request.duplicate();
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        Answer read() throws IOException {
            int read;
            try {
                read = channel.read(input);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                channel.close();
                return Answer.CLOSED;
            }
            input.flip();
            int status = reader.feed(input);
            input.compact();
            if (status == 0) {
                return Answer.PENDING;
            }
            return status < 400 ? Answer.OK : Answer.FAILED;
        }
    }
}
