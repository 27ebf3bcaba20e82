package io.pqws.tls;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands the TLS facts of a WebSocket upgrade request over to the WebSocket session it becomes.
 *
 * <p>Why a registry: the Jakarta WebSocket API gives an endpoint no access to the HTTP request, and on Tyrus the
 * {@code ServerEndpointConfig} user properties seen by {@code modifyHandshake} are shared by all connections of an
 * endpoint, so they cannot carry per-connection data safely. The upgrade filter files the facts here under a random
 * ticket that travels in the request's parameter map; the session claims them once when it opens. Tickets of
 * handshakes that never became sessions expire.
 */
@ApplicationScoped
public class HandshakeTlsRegistry {

    static final Duration TICKET_LIFETIME = Duration.ofSeconds(30);
    private static final int PURGE_THRESHOLD = 1024;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(TlsFacts facts, long expiresAtNanos) {
    }

    /** Files the facts and returns the ticket that claims them. */
    public String register(TlsFacts facts) {
        long now = System.nanoTime();
        if (pending.size() > PURGE_THRESHOLD) {
            pending.values().removeIf(p -> now - p.expiresAtNanos() > 0);
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String ticket = HexFormat.of().formatHex(bytes);
        pending.put(ticket, new Pending(facts, now + TICKET_LIFETIME.toNanos()));
        return ticket;
    }

    /** The facts filed under the ticket, at most once, if it has not expired. */
    public Optional<TlsFacts> claim(String ticket) {
        if (ticket == null) {
            return Optional.empty();
        }
        Pending claimed = pending.remove(ticket);
        if (claimed == null || System.nanoTime() - claimed.expiresAtNanos() > 0) {
            return Optional.empty();
        }
        return Optional.of(claimed.facts());
    }

    int pendingCount() {
        return pending.size();
    }
}
