package io.pqws.metrics;

import java.util.Collections;
import java.util.Comparator;
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
 * @param serverHandshakes  every server handshake of the JVM, whichever application it then served, by its labels;
 *                          empty when the TLS stack does not report them (see {@link #serverHandshakesCounted})
 * @param serverHandshakesCounted whether this JVM's TLS stack (the PQWS provider) reports every server handshake
 * @param clients           the clients of those handshakes by TLS fingerprint, as the PQWS provider keeps them
 * @param recent            the latest sessions, newest first
 */
public record MetricsSnapshot(String profile, Map<SessionLabels, Long> upgrades,
        Map<String, EndpointSnapshot> endpoints, boolean messagesCounted, Map<String, Long> handshakeFailures,
        boolean handshakeFailuresCounted, Map<ServerHandshakeLabels, Long> serverHandshakes,
        boolean serverHandshakesCounted,
        ProviderCounters.Clients clients, List<RecentSession> recent) {

    private static final Comparator<ServerHandshakeLabels> HANDSHAKE_ORDER = Comparator
            .comparing(ServerHandshakeLabels::outcome).thenComparing(ServerHandshakeLabels::protocol)
            .thenComparing(ServerHandshakeLabels::group).thenComparing(ServerHandshakeLabels::hybridOffered)
            .thenComparing(ServerHandshakeLabels::hybridKeyShare).thenComparing(ServerHandshakeLabels::helloRetry);

    public MetricsSnapshot {
        TreeMap<SessionLabels, Long> sortedUpgrades = new TreeMap<>(EndpointSnapshot.LABEL_ORDER);
        sortedUpgrades.putAll(upgrades);
        upgrades = Collections.unmodifiableMap(sortedUpgrades);
        endpoints = Collections.unmodifiableMap(new TreeMap<>(endpoints));
        handshakeFailures = Collections.unmodifiableMap(new TreeMap<>(handshakeFailures));
        TreeMap<ServerHandshakeLabels, Long> sortedHandshakes = new TreeMap<>(HANDSHAKE_ORDER);
        sortedHandshakes.putAll(serverHandshakes);
        serverHandshakes = Collections.unmodifiableMap(sortedHandshakes);
        recent = List.copyOf(recent);
    }

    /** The clients with handshakes that named no hybrid group, most such handshakes first. */
    public List<ProviderCounters.ClientRow> clientsWithoutHybrid() {
        return clients.rows().stream().filter(c -> c.withoutHybrid() > 0)
                .sorted(Comparator.comparingLong(ProviderCounters.ClientRow::withoutHybrid).reversed()).toList();
    }

    /** Completed server handshakes of the JVM. */
    public long handshakesCompleted() {
        return serverHandshakes.entrySet().stream().filter(e -> e.getKey().completed())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Completed server handshakes whose client named no hybrid group: the clients that the hybrid-only profile would
     * refuse.
     */
    public long handshakesWithoutHybridOffer() {
        return serverHandshakes.entrySet().stream().filter(e -> e.getKey().completed() && !e.getKey().hybridOffered())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The share of completed server handshakes whose client named a hybrid group; 0 before the first. */
    public double handshakesHybridOfferedRatio() {
        long total = handshakesCompleted();
        return total == 0 ? 0 : (double) (total - handshakesWithoutHybridOffer()) / total;
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
