package io.pqws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pqws.tls.TlsFacts;

/** The counters as plain objects: exact values, the active gauge, the recent-sessions ring, concurrency. */
class WebSocketMetricsTest {

    static final TlsFacts HYBRID = new TlsFacts(true, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "X25519MLKEM768", true,
            null, null);
    static final TlsFacts CLASSIC = new TlsFacts(true, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "x25519", false, null,
            null);

    static WebSocketMetrics metrics() {
        WebSocketMetrics metrics = new WebSocketMetrics();
        metrics.provider = new ProviderCounters();
        return metrics;
    }

    @Test
    void countsSessionsByEndpointAndTlsLabels() {
        WebSocketMetrics metrics = metrics();
        metrics.sessionOpened("/echo", "a", HYBRID);
        metrics.sessionOpened("/echo", "b", HYBRID);
        metrics.sessionOpened("/echo", "c", CLASSIC);
        metrics.sessionOpened("/tls", "d", TlsFacts.plain());
        metrics.sessionClosed("/echo", "a", 1000);
        metrics.sessionClosed("/echo", "c", 4001);

        MetricsSnapshot snapshot = metrics.snapshot();
        EndpointSnapshot echo = snapshot.endpoints().get("/echo");
        assertEquals(Map.of(SessionLabels.of(HYBRID), 2L, SessionLabels.of(CLASSIC), 1L), echo.opened());
        assertEquals(1, echo.active());
        assertEquals(Map.of(1000, 1L, 4001, 1L), echo.closes());
        assertEquals(2.0 / 3, echo.hybridRatio(), 1e-12);
        assertEquals(new SessionLabels("none", "none", "none", false, "server"),
                snapshot.endpoints().get("/tls").opened().keySet().iterator().next());
        assertEquals(4, snapshot.sessionsOpened());
        assertEquals(0.5, snapshot.hybridRatio(), 1e-12);
        assertEquals(2, snapshot.sessionsActive());
    }

    @Test
    void aSessionLeavesTheActiveGaugeOnceAndAnUnknownCloseIsCountedWithoutIt() {
        WebSocketMetrics metrics = metrics();
        metrics.sessionOpened("/echo", "a", HYBRID);
        metrics.sessionOpened("/echo", "a", HYBRID); // the same session reported twice
        metrics.sessionClosed("/echo", "a", 1000);
        metrics.sessionClosed("/echo", "a", 1000);
        metrics.sessionClosed("/echo", "never-opened", 1011);

        EndpointSnapshot echo = metrics.snapshot().endpoints().get("/echo");
        assertEquals(1, echo.openedTotal());
        assertEquals(0, echo.active());
        assertEquals(Map.of(1000, 2L, 1011, 1L), echo.closes());
    }

    @Test
    void theRecentSessionsAreTheNewestFirstAndBounded() {
        WebSocketMetrics metrics = metrics();
        for (int i = 0; i < WebSocketMetrics.RECENT_SESSIONS + 5; i++) {
            metrics.sessionOpened("/echo", "s" + i, i % 2 == 0 ? HYBRID : CLASSIC);
        }
        List<RecentSession> recent = metrics.snapshot().recent();
        assertEquals(WebSocketMetrics.RECENT_SESSIONS, recent.size());
        assertEquals(WebSocketMetrics.RECENT_SESSIONS + 5, recent.get(0).sequence());
        assertEquals(6, recent.get(recent.size() - 1).sequence());
        assertEquals("X25519MLKEM768", recent.get(0).labels().group()); // s24: even
    }

    @Test
    void messagesAreOnlyReportedOnceAListenerCountsThem() {
        WebSocketMetrics metrics = metrics();
        metrics.messageReceived("/echo");
        assertFalse(metrics.snapshot().messagesCounted());
        metrics.messagesAreCounted();
        metrics.messageSent("/echo");
        MetricsSnapshot snapshot = metrics.snapshot();
        assertTrue(snapshot.messagesCounted());
        assertEquals(1, snapshot.endpoints().get("/echo").messagesReceived());
        assertEquals(1, snapshot.endpoints().get("/echo").messagesSent());
    }

    @Test
    void concurrentUpdatesAreNotLost() throws Exception {
        WebSocketMetrics metrics = metrics();
        int threads = 4;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String id = thread + "-" + i;
                        metrics.sessionOpened("/echo", id, HYBRID);
                        metrics.messageReceived("/echo");
                        metrics.sessionClosed("/echo", id, 1000);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        EndpointSnapshot echo = metrics.snapshot().endpoints().get("/echo");
        assertEquals(threads * perThread, echo.openedTotal());
        assertEquals(threads * perThread, echo.messagesReceived());
        assertEquals(0, echo.active());
    }
}
