package io.pqws.jsse;

import javax.net.ssl.SSLSession;

/**
 * What one server engine learned of its handshake, turned into the {@link ServerHandshake} that is counted.
 *
 * <p>The group of a completed full handshake is the one the server's order selects from the ClientHello
 * ({@link HybridRequirement#selectedGroup}), the rule Bouncy Castle applies with {@code useNamedGroupsOrder=true};
 * {@code ServerHandshakesIT} compares it with the group each session reads from Bouncy Castle itself, and fails if a
 * Bouncy Castle upgrade changes the rule. A resumed TLS 1.2 session (its session is older than its ClientHello) made
 * no key exchange and is counted as {@value ServerHandshake#RESUMED}.
 */
final class HandshakeObserver {

    private final HybridRequirement rule;
    private String[] engineGroups;
    private long helloMillis;
    /** Written last: the engine may finish its handshake on another thread than the one that read the ClientHello. */
    private volatile ClientHello hello;

    HandshakeObserver(HybridRequirement rule) {
        this.rule = rule;
    }

    /**
     * The engine's ClientHello, the engine's own named groups ({@code null}: the context's), and the time it arrived,
     * taken before Bouncy Castle saw it (a session made for it is not older).
     */
    void clientHello(ClientHello clientHello, String[] groups, long arrivedMillis) {
        engineGroups = groups;
        helloMillis = arrivedMillis;
        hello = clientHello;
    }

    ServerHandshake completed(SSLSession session) {
        ClientHello seen = hello;
        String protocol = session.getProtocol();
        if (seen == null) {
            return new ServerHandshake(ServerHandshake.COMPLETED, protocol, ServerHandshake.UNKNOWN, false, false,
                    false);
        }
        boolean tls13 = "TLSv1.3".equals(protocol);
        if (!tls13 && session.getCreationTime() < helloMillis) {
            return new ServerHandshake(ServerHandshake.COMPLETED, protocol, ServerHandshake.RESUMED,
                    hybridOffered(seen), hybridKeyShare(seen), false);
        }
        Integer group = rule.selectedGroup(seen, engineGroups, protocol).orElse(null);
        String name = group == null ? ServerHandshake.UNKNOWN : Groups.name(group);
        boolean helloRetry = tls13 && group != null && !seen.keyShareGroups().contains(group);
        return new ServerHandshake(ServerHandshake.COMPLETED, protocol, name, hybridOffered(seen),
                hybridKeyShare(seen), helloRetry);
    }

    ServerHandshake failed(String reason) {
        ClientHello seen = hello;
        return new ServerHandshake(reason, ServerHandshake.UNKNOWN, ServerHandshake.UNKNOWN, hybridOffered(seen),
                hybridKeyShare(seen), false);
    }

    private static boolean hybridOffered(ClientHello seen) {
        return seen != null && seen.supportedGroups().stream().anyMatch(Groups::isHybrid);
    }

    private static boolean hybridKeyShare(ClientHello seen) {
        return seen != null && seen.keyShareGroups().stream().anyMatch(Groups::isHybrid);
    }
}
