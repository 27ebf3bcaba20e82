package io.pqws.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the module counted, at one moment: what the Prometheus exposition and the status page render.
 *
 * @param profile           the PQ profile of this JVM ({@code pqws.profile}), or {@code none}
 * @param upgrades          WebSocket upgrade requests seen by the TLS filter, by their TLS labels
 * @param endpoints         the counters of each metered endpoint, by path template
 * @param messagesCounted   whether a traffic listener counts messages on this container (Tyrus: yes)
 * @param handshakeFailures TLS handshake failures by reason, as the PQWS provider reports them; empty when it does
 *                          not (see {@link #handshakeFailuresCounted})
 * @param handshakeFailuresCounted whether this JVM's TLS stack reports handshake failures to the module
 * @param recent            the latest sessions, newest first
 */
public record MetricsSnapshot(String profile, Map<SessionLabels, Long> upgrades, Map<String, EndpointSnapshot> endpoints,
        boolean messagesCounted, Map<String, Long> handshakeFailures, boolean handshakeFailuresCounted,
        List<RecentSession> recent) {

    public MetricsSnapshot {
        TreeMap<SessionLabels, Long> sortedUpgrades = new TreeMap<>(EndpointSnapshot.LABEL_ORDER);
        sortedUpgrades.putAll(upgrades);
        upgrades = Collections.unmodifiableMap(sortedUpgrades);
        endpoints = Collections.unmodifiableMap(new TreeMap<>(endpoints));
        handshakeFailures = Collections.unmodifiableMap(new TreeMap<>(handshakeFailures));
        recent = List.copyOf(recent);
    }

    /** Sessions opened on all endpoints. */
    public long sessionsOpened() {
        return endpoints.values().stream().mapToLong(EndpointSnapshot::openedTotal).sum();
    }

    /** Sessions opened on a hybrid post-quantum group, on all endpoints. */
    public long sessionsHybrid() {
        return endpoints.values().stream().mapToLong(EndpointSnapshot::openedHybrid).sum();
    }

    /** The share of all sessions that used a hybrid group; 0 before the first session. */
    public double hybridRatio() {
        long total = sessionsOpened();
        return total == 0 ? 0 : (double) sessionsHybrid() / total;
    }

    /** Sessions open now, on all endpoints. */
    public long sessionsActive() {
        return endpoints.values().stream().mapToLong(EndpointSnapshot::active).sum();
    }
}
