package io.pqws.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;

/**
 * WebSocket echo under load: a set of open sessions to {@code /echo}, each in a closed loop of "send one binary
 * message, wait for its echo", for a fixed time. Sessions are opened once and reused by every round, so the figures
 * are about messages, not handshakes.
 */
final class EchoLoad {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Open sessions of one variant (one server, one scheme), kept across rounds. */
    static final class Sessions implements AutoCloseable {
        private final List<WssConnection> connections;

        private Sessions(List<WssConnection> connections) {
            this.connections = connections;
        }

        /** The negotiated TLS facts of the first session, e.g. "TLSv1.3 TLS_AES_256_GCM_SHA384 X25519MLKEM768". */
        String describe() {
            var report = connections.get(0).handshake();
            return report.secure() ? report.protocol() + " " + report.cipherSuite() + " " + report.namedGroup()
                    : "plain ws";
        }

        @Override
        public void close() {
            connections.parallelStream().forEach(WssConnection::close);
        }
    }

    /**
     * What one run did.
     *
     * @param messages       echoes received
     * @param seconds        wall time
     * @param latencyMicros  round trip per message
     * @param failures       sessions that failed during the run
     * @param firstFailure   the first failure, or null
     * @param serverCpuNanos CPU time the server used during the run
     */
    record Result(long messages, double seconds, Histogram latencyMicros, long failures, String firstFailure,
            long serverCpuNanos) {

        double perSecond() {
            return messages / seconds;
        }
    }

    private EchoLoad() {
    }

    /** Opens {@code count} sessions to {@code uri}, a few at a time. */
    static Sessions open(WssClient client, URI uri, int count) throws WssClientException, InterruptedException {
        ExecutorService openers = Executors.newFixedThreadPool(4);
        List<Future<WssConnection>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(openers.submit(() -> client.connect(uri, WAIT)));
        }
        List<WssConnection> open = new ArrayList<>();
        try {
            for (Future<WssConnection> future : pending) {
                open.add(future.get());
            }
        } catch (ExecutionException e) {
            open.forEach(WssConnection::close);
            if (e.getCause() instanceof WssClientException) {
                throw (WssClientException) e.getCause();
            }
            throw new IllegalStateException("opening a session to " + uri + " failed: " + e.getCause(), e);
        } finally {
            openers.shutdown();
        }
        return new Sessions(open);
    }

    /** Runs the first {@code sessions} sessions of {@code open} with {@code payload} for {@code duration}. */
    static Result run(Sessions open, int sessions, byte[] payload, Duration duration, BenchServer server)
            throws InterruptedException {
        if (sessions > open.connections.size()) {
            throw new IllegalArgumentException(sessions + " sessions asked, " + open.connections.size() + " open");
        }
        ExecutorService workers = Executors.newFixedThreadPool(sessions, runnable -> {
            Thread thread = new Thread(runnable, "bench-echo");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long serverCpu = server.cpuNanos();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            WssConnection connection = open.connections.get(i);
            Histogram latency = new Histogram(Series.MAX_MICROS, 3);
            histograms.add(latency);
            futures.add(workers.submit(() -> loop(connection, payload, deadline, latency, firstFailure)));
        }
        long messages = 0;
        long failures = 0;
        try {
            for (Future<long[]> future : futures) {
                long[] counts = future.get(duration.toMillis() + 2 * WAIT.toMillis(), TimeUnit.MILLISECONDS);
                messages += counts[0];
                failures += counts[1];
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("an echo session did not finish: " + e, e);
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram latency = new Histogram(Series.MAX_MICROS, 3);
        histograms.forEach(latency::add);
        return new Result(messages, seconds, latency, failures, firstFailure.get(), server.cpuNanos() - serverCpu);
    }

    /** One session's closed loop; returns {messages, failures}. */
    private static long[] loop(WssConnection connection, byte[] payload, long deadline, Histogram latency,
            AtomicReference<String> firstFailure) {
        long messages = 0;
        try {
            while (System.nanoTime() < deadline) {
                long sent = System.nanoTime();
                connection.sendBinary(payload);
                WsMessage reply = connection.nextMessage(WAIT);
                long micros = (System.nanoTime() - sent) / 1000;
                boolean same = reply instanceof WsMessage.Binary
                        && ((WsMessage.Binary) reply).data().length == payload.length;
                if (!same) {
                    throw new IllegalStateException("the echo differs from what was sent");
                }
                latency.recordValue(Math.min(Series.MAX_MICROS, micros));
                messages++;
            }
            return new long[] {messages, 0};
        } catch (WssClientException | RuntimeException e) {
            firstFailure.compareAndSet(null, e.getMessage());
            return new long[] {messages, 1};
        }
    }
}
