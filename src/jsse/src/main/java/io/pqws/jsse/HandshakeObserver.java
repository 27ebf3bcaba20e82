package io.pqws.jsse;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSession;

/**
 * What one server engine learned of its handshake, counted once it completed or failed: the handshake by its labels
 * ({@link ServerHandshakes}) and the client by its fingerprint ({@link ClientFingerprints}).
 *
 * <p>The group of a completed full handshake is the one the server's order selects from the ClientHello
 * ({@link HybridRequirement#selectedGroup}), the rule Bouncy Castle applies with {@code useNamedGroupsOrder=true};
 * {@code WholeServerHandshakes} (integration tests) compares it with the group the client's Bouncy Castle negotiated,
 * and the library's {@code SessionGroupTest} with the group the server's Bouncy Castle connection holds, and both fail
 * if a Bouncy Castle upgrade changes the rule. A resumed TLS 1.2 session (its session is older than
 * its ClientHello) made no key exchange and is counted as {@value ServerHandshake#RESUMED}.
 *
 * <p>Over the JDK's SunJSSE (the {@code observe} profile) there is no rule to apply: SunJSSE follows its own, and
 * says nothing about the group. There the group is the one the server's own flight named on the wire
 * ({@link ServerFlightTap}), passed to {@link #completed(SSLSession, ServerFlightTap.Flight)}.
 */
final class HandshakeObserver {

    private final HybridRequirement rule;
    private final ServerHandshakes handshakes;
    private final ClientFingerprints fingerprints;
    private String[] engineGroups;
    private long helloMillis;
    private String fingerprint;
    private String versions;
    /** Written last: the engine may finish its handshake on another thread than the one that read the ClientHello. */
    private volatile ClientHello hello;

    /** @param rule the server's group selection, or {@code null} when the group is read from the wire instead */
    HandshakeObserver(HybridRequirement rule, ServerHandshakes handshakes, ClientFingerprints fingerprints) {
        this.rule = rule;
        this.handshakes = handshakes;
        this.fingerprints = fingerprints;
    }

    /**
     * The engine's ClientHello, the engine's own named groups ({@code null}: the context's), and the time it arrived,
     * taken before Bouncy Castle saw it (a session made for it is not older).
     */
    void clientHello(ClientHello clientHello, String[] groups, long arrivedMillis) {
        engineGroups = groups;
        helloMillis = arrivedMillis;
        fingerprint = Ja4.of(clientHello);
        versions = versionNames(clientHello);
        hello = clientHello;
    }

    /**
     * The handshake completed with this session.
     *
     * @return the name of the group this handshake's key exchange used, or {@code null} when it made none (a resumed
     *         TLS 1.2 session) or its ClientHello could not be read
     */
    String completed(SSLSession session) {
        ClientHello seen = hello;
        String protocol = session.getProtocol();
        if (seen == null) {
            record(new ServerHandshake(ServerHandshake.COMPLETED, protocol, ServerHandshake.UNKNOWN, false, false,
                    false));
            return null;
        }
        boolean tls13 = "TLSv1.3".equals(protocol);
        if (!tls13 && session.getCreationTime() < helloMillis) {
            record(new ServerHandshake(ServerHandshake.COMPLETED, protocol, ServerHandshake.RESUMED,
                    hybridOffered(seen), hybridKeyShare(seen), false));
            return null;
        }
        Integer group = rule.selectedGroup(seen, engineGroups, protocol).orElse(null);
        String name = group == null ? ServerHandshake.UNKNOWN : Groups.name(group);
        boolean helloRetry = tls13 && group != null && !seen.keyShareGroups().contains(group);
        record(new ServerHandshake(ServerHandshake.COMPLETED, protocol, name, hybridOffered(seen),
                hybridKeyShare(seen), helloRetry));
        return group == null ? null : name;
    }

    /**
     * The handshake completed with this session, and the server's own flight said which group it chose.
     *
     * @return the group's name as counted: a name, {@value ServerHandshake#RESUMED} or {@value ServerHandshake#UNKNOWN}
     */
    String completed(SSLSession session, ServerFlightTap.Flight flight) {
        ClientHello seen = hello;
        String group = flight.resumed() ? ServerHandshake.RESUMED
                : flight.group() == null ? ServerHandshake.UNKNOWN : Groups.name(flight.group());
        record(new ServerHandshake(ServerHandshake.COMPLETED, session.getProtocol(), group, hybridOffered(seen),
                hybridKeyShare(seen), flight.helloRetry()));
        return group;
    }

    /** The handshake failed for this reason ({@link HandshakeFailures}' names). */
    void failed(String reason) {
        ClientHello seen = hello;
        record(new ServerHandshake(reason, ServerHandshake.UNKNOWN, ServerHandshake.UNKNOWN, hybridOffered(seen),
                hybridKeyShare(seen), false));
    }

    /** The client's JA4 fingerprint, once its ClientHello was read; {@code null} before. */
    String fingerprint() {
        return hello == null ? null : fingerprint;
    }

    private void record(ServerHandshake handshake) {
        handshakes.count(handshake);
        if (hello != null) {
            fingerprints.seen(fingerprint, handshake.hybridOffered(), versions, System.currentTimeMillis());
        }
    }

    private static String versionNames(ClientHello hello) {
        List<Integer> offered = hello.supportedVersions().stream().filter(v -> !Ja4.isGrease(v)).toList();
        if (offered.isEmpty()) {
            offered = List.of(hello.legacyVersion());
        }
        return offered.stream().sorted((a, b) -> Integer.compare(b, a)).map(HandshakeObserver::versionName)
                .collect(Collectors.joining(","));
    }

    private static String versionName(int version) {
        switch (version) {
            case 0x0304:
                return "TLSv1.3";
            case 0x0303:
                return "TLSv1.2";
            case 0x0302:
                return "TLSv1.1";
            case 0x0301:
                return "TLSv1";
            case 0x0300:
                return "SSLv3";
            default:
                return String.format(Locale.ROOT, "0x%04X", version);
        }
    }

    private static boolean hybridOffered(ClientHello seen) {
        return seen != null && seen.supportedGroups().stream().anyMatch(Groups::isHybrid);
    }

    private static boolean hybridKeyShare(ClientHello seen) {
        return seen != null && seen.keyShareGroups().stream().anyMatch(Groups::isHybrid);
    }
}
