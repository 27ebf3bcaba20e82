package io.pqws.tls;

/**
 * What one connection's TLS handshake actually negotiated, as the server saw it.
 *
 * <p>Why it carries {@code namedGroupUnavailable}: "no group" must never read as "classic". When the container's
 * TLS stack cannot tell us the group (SunJSSE before JDK 27, an unsupported container) the reason is said in plain
 * words and {@code hybridPostQuantum} is {@code false} because it is not known to be true.
 *
 * @param secure                whether the connection is TLS at all
 * @param protocol              e.g. {@code TLSv1.3}; null on a plain connection
 * @param cipherSuite           e.g. {@code TLS_AES_256_GCM_SHA384}; null on a plain connection
 * @param namedGroup            the key-exchange group from the handshake, e.g. {@code X25519MLKEM768}; null if unknown
 * @param hybridPostQuantum     whether {@code namedGroup} is a hybrid post-quantum key exchange
 * @param clientCertificate     the subject of the client's certificate (mutual TLS), or null
 * @param namedGroupUnavailable why {@code namedGroup} is null, or null when it is known
 * @param proxyReported         whether a trusted TLS-terminating proxy reported these facts (the client's hop to the
 *                              proxy) rather than this server reading them from its own connection
 */
public record TlsFacts(boolean secure, String protocol, String cipherSuite, String namedGroup,
        boolean hybridPostQuantum, String clientCertificate, String namedGroupUnavailable, boolean proxyReported) {

    /** Facts this server read from its own connection. */
    public TlsFacts(boolean secure, String protocol, String cipherSuite, String namedGroup, boolean hybridPostQuantum,
            String clientCertificate, String namedGroupUnavailable) {
        this(secure, protocol, cipherSuite, namedGroup, hybridPostQuantum, clientCertificate, namedGroupUnavailable,
                false);
    }

    /** The facts of a plain (ws:// or http://) connection. */
    public static TlsFacts plain() {
        return new TlsFacts(false, null, null, null, false, null, "not a TLS connection");
    }
}
