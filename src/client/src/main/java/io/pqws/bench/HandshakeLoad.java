package io.pqws.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSocket;

import org.HdrHistogram.Histogram;

/**
 * Closed-loop TLS connections against one server for a fixed time: each worker connects over TCP, completes a TLS
 * handshake (optionally sends one HTTP request and reads the answer), closes, and starts again. No WebSocket: the
 * handshake is what is measured.
 */
final class HandshakeLoad {

    /** One HEAD request per connection: lets the client read a TLS 1.3 session ticket, which makes resumption work. */
    private static final byte[] HEAD = ("HEAD /pqws/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final int IO_TIMEOUT_MILLIS = 10_000;
    private static final AtomicLong HOSTS = new AtomicLong();

    /**
     * How to load the server.
     *
     * @param threads      concurrent connections
     * @param duration     how long to keep going
     * @param httpRequest  send one HEAD request per connection and read the answer
     * @param resume       reuse one SNI host per worker, so the client may resume; otherwise a fresh host per
     *                     connection
     */
    record Options(int threads, Duration duration, boolean httpRequest, boolean resume) {
    }

    /**
     * What one run did.
     *
     * @param connections   completed connections (handshake, and request if asked)
     * @param failures      connections that failed
     * @param firstFailure  the first failure's message, or null
     * @param seconds       wall time of the run
     * @param latencyMicros time from TCP connect to handshake done, per connection
     * @param wire          what the handshakes looked like on the wire (summed)
     * @param serverCpuNanos CPU time the server used during the run
     * @param clientCpuNanos CPU time this JVM used during the run
     */
    record Result(long connections, long failures, String firstFailure, double seconds, Histogram latencyMicros,
            WireTotals wire, long serverCpuNanos, long clientCpuNanos) {

        double perSecond() {
            return connections / seconds;
        }

        /** Server CPU milliseconds per completed connection. */
        double serverCpuMillisEach() {
            return connections == 0 ? Double.NaN : serverCpuNanos / 1e6 / connections;
        }
    }

    private HandshakeLoad() {
    }

    static Result run(TlsClient client, BenchServer server, Options options) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "bench-handshake");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long serverCpu = server.cpuNanos();
        long clientCpu = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + options.duration().toNanos();
        List<Future<Worker>> futures = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            futures.add(workers.submit(() -> new Worker(client, server.httpsPort(), options, firstFailure)
                    .runUntil(deadline)));
        }
        Histogram latency = new Histogram(Series.MAX_MICROS, 3);
        WireTotals wire = new WireTotals();
        long connections = 0;
        long failures = 0;
        try {
            for (Future<Worker> future : futures) {
                Worker worker = future.get(options.duration().toMillis() + 4L * IO_TIMEOUT_MILLIS,
                        TimeUnit.MILLISECONDS);
                latency.add(worker.latency);
                wire.add(worker.wire);
                connections += worker.connections;
                failures += worker.failures;
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a handshake worker did not finish: " + e, e);
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(connections, failures, firstFailure.get(), seconds, latency, wire,
                server.cpuNanos() - serverCpu, processCpuNanos() - clientCpu);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** One closed loop; its counters are read only after it ended. */
    private static final class Worker {
        private final TlsClient client;
        private final int port;
        private final Options options;
        private final AtomicReference<String> firstFailure;
        private final Histogram latency = new Histogram(Series.MAX_MICROS, 3);
        private final WireTotals wire = new WireTotals();
        private long connections;
        private long failures;

        Worker(TlsClient client, int port, Options options, AtomicReference<String> firstFailure) {
            this.client = client;
            this.port = port;
            this.options = options;
            this.firstFailure = firstFailure;
        }

        Worker runUntil(long deadline) {
            byte[] sink = new byte[4096];
            // One host per worker: the JDK client keeps one TLS 1.3 ticket per host and port and uses it once, so
            // workers sharing a host would race for it and fall back to full handshakes.
            String resumeHost = "w" + HOSTS.incrementAndGet() + ".localhost";
            while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                String host = options.resume() ? resumeHost : "c" + HOSTS.incrementAndGet() + ".localhost";
                long start = System.nanoTime();
                try (TappedSocket tcp = new TappedSocket()) {
                    tcp.setTcpNoDelay(true);
                    tcp.setSoTimeout(IO_TIMEOUT_MILLIS);
                    tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), IO_TIMEOUT_MILLIS);
                    SSLSocket tls = client.layer(tcp, host, port);
                    tls.startHandshake();
                    long handshakeDone = System.nanoTime();
                    HandshakeScanner.Wire handshake = tcp.scanner().wire();
                    if (options.httpRequest()) {
                        OutputStream out = tls.getOutputStream();
                        out.write(HEAD);
                        out.flush();
                        InputStream in = tls.getInputStream();
                        while (in.read(sink) >= 0) {
                            // drain the answer until the server closes
                        }
                    }
                    tls.close();
                    latency.recordValue(Math.min(Series.MAX_MICROS, (handshakeDone - start) / 1000));
                    wire.add(handshake);
                    connections++;
                } catch (IOException | RuntimeException e) {
                    failures++;
                    firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            return this;
        }
    }
}
