package io.pqws.metrics;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.pqws.tls.TlsFacts;
import io.pqws.tls.TlsProfileCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The module's WebSocket and TLS counters, per endpoint: the one place every observation goes to and every view
 * (Prometheus text, status page) reads from.
 *
 * <p>Who reports what: {@code HandshakeTlsFilter} each upgrade request's TLS facts; the {@link MeteredEndpoint}
 * interceptor each session's open (with the facts its endpoint attached), close code and errors; the container's
 * traffic listener ({@code io.pqws.metrics.tyrus}) each message. State lives here, in an application-scoped bean,
 * never in statics; all updates are lock-free.
 */
@ApplicationScoped
public class WebSocketMetrics {

    static final int RECENT_SESSIONS = 20;

    private final Map<SessionLabels, LongAdder> upgrades = new ConcurrentHashMap<>();
    private final Map<String, EndpointCounters> endpoints = new ConcurrentHashMap<>();
    /** Open sessions by id, so that a close is taken off the active gauge exactly once. */
    private final Map<String, String> openSessions = new ConcurrentHashMap<>();
    private final RecentSessions recent = new RecentSessions(RECENT_SESSIONS);
    private final Clock clock = Clock.systemUTC();
    private volatile boolean messagesCounted;

    @Inject
    ProviderCounters provider;

    /** A WebSocket upgrade request arrived on a connection with these facts. */
    public void upgradeSeen(TlsFacts facts) {
        upgrades.computeIfAbsent(SessionLabels.of(facts), l -> new LongAdder()).increment();
    }

    /** A session of {@code endpoint} opened on a connection with these facts. */
    public void sessionOpened(String endpoint, String sessionId, TlsFacts facts) {
        SessionLabels labels = SessionLabels.of(facts);
        if (openSessions.putIfAbsent(sessionId, endpoint) != null) {
            return; // counted already
        }
        counters(endpoint).opened(labels);
        recent.add(clock.instant(), endpoint, labels);
    }

    /** A session of {@code endpoint} closed with this close code (RFC 6455; 1006 when the connection was lost). */
    public void sessionClosed(String endpoint, String sessionId, int closeCode) {
        boolean wasOpen = openSessions.remove(sessionId) != null;
        counters(endpoint).closed(closeCode, wasOpen);
    }

    /** The endpoint's {@code @OnError} was called. */
    public void error(String endpoint) {
        counters(endpoint).error();
    }

    /** One message arrived on a session of {@code endpoint}. */
    public void messageReceived(String endpoint) {
        counters(endpoint).received();
    }

    /** One message left on a session of {@code endpoint}. */
    public void messageSent(String endpoint) {
        counters(endpoint).sent();
    }

    /** Called by a traffic listener when it is installed: from then on message counts are meaningful. */
    public void messagesAreCounted() {
        messagesCounted = true;
    }

    public MetricsSnapshot snapshot() {
        Map<SessionLabels, Long> upgradesNow = new HashMap<>();
        upgrades.forEach((labels, count) -> upgradesNow.put(labels, count.sum()));
        Map<String, EndpointSnapshot> endpointsNow = new HashMap<>();
        endpoints.forEach((path, counters) -> endpointsNow.put(path, counters.snapshot(path)));
        ProviderCounters.Counts failures = provider.handshakeFailures();
        ProviderCounters.Counts handshakes = provider.serverHandshakes();
        Map<ServerHandshakeLabels, Long> handshakesNow = new HashMap<>();
        handshakes.byKey().forEach((key, count) -> handshakesNow.merge(ServerHandshakeLabels.parse(key), count,
                Long::sum));
        return new MetricsSnapshot(TlsProfileCheck.profileName().orElse("none"), upgradesNow, endpointsNow,
                messagesCounted, failures.byKey(), failures.available(), handshakesNow, handshakes.available(),
                provider.clientFingerprints(), recent.latest());
    }

    private EndpointCounters counters(String endpoint) {
        return endpoints.computeIfAbsent(endpoint, e -> new EndpointCounters());
    }
}
