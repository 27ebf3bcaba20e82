package io.pqws.metrics;

import io.pqws.tls.TlsFacts;

/**
 * The TLS parameters a session is counted under: key-exchange group, protocol, cipher suite, whether the group is a
 * hybrid post-quantum one, and who reported them ({@value #SERVER}, or {@value #PROXY} for a trusted TLS-terminating
 * proxy's report of the client's hop).
 *
 * <p>Why fixed words for the missing cases: a Prometheus label must never be empty or unbounded. A plain {@code ws://}
 * session says {@value #NONE} everywhere; a TLS session whose group the server could not read says
 * {@value #UNKNOWN} for the group, so "unknown" never reads as "classic".
 */
public record SessionLabels(String group, String protocol, String cipherSuite, boolean hybrid, String reportedBy) {

    /** The value of every label of a connection without TLS. */
    public static final String NONE = "none";
    /** The group of a TLS connection whose group the server could not read. */
    public static final String UNKNOWN = "unknown";
    /** The facts were read by this server from its own connection. */
    public static final String SERVER = "server";
    /** The facts were reported by a trusted TLS-terminating proxy. */
    public static final String PROXY = "proxy";

    public static SessionLabels of(TlsFacts facts) {
        String reportedBy = facts.proxyReported() ? PROXY : SERVER;
        if (!facts.secure()) {
            return new SessionLabels(NONE, NONE, NONE, false, reportedBy);
        }
        return new SessionLabels(orElse(facts.namedGroup(), UNKNOWN), orElse(facts.protocol(), UNKNOWN),
                orElse(facts.cipherSuite(), UNKNOWN), facts.hybridPostQuantum(), reportedBy);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
