package io.pqws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The whole server's hybrid-only readiness, from the provider's handshake counts: failures are not clients served. */
class MetricsSnapshotTest {

    @Test
    void readinessCountsCompletedHandshakesOnly() {
        MetricsSnapshot snapshot = new MetricsSnapshot("hybrid", Map.of(), Map.of(), false, Map.of(), true, Map.of(
                new ServerHandshakeLabels("completed", "TLSv1.3", "X25519MLKEM768", true, true, false), 5L,
                new ServerHandshakeLabels("completed", "TLSv1.3", "x25519", false, false, false), 2L,
                new ServerHandshakeLabels("sent_handshake_failure", "unknown", "unknown", false, false, false), 4L),
                true, ProviderCounters.Clients.NOT_AVAILABLE, List.of());

        assertEquals(7, snapshot.handshakesCompleted());
        assertEquals(2, snapshot.handshakesWithoutHybridOffer());
        assertEquals(5.0 / 7, snapshot.handshakesHybridOfferedRatio(), 1e-9);
    }

    @Test
    void noHandshakeYetIsARatioOfZero() {
        MetricsSnapshot snapshot = new MetricsSnapshot("hybrid", Map.of(), Map.of(), false, Map.of(), true, Map.of(),
                true, ProviderCounters.Clients.NOT_AVAILABLE, List.of());

        assertEquals(0, snapshot.handshakesHybridOfferedRatio());
    }
}
