package io.pqws.client;

import java.util.List;

/**
 * What one raw TLS handshake with a server showed, from the client's engine and from the server's plaintext bytes.
 *
 * @param completed           whether the handshake completed
 * @param protocol            e.g. {@code TLSv1.3}; null when it failed
 * @param cipherSuite         null when it failed
 * @param namedGroup          the key-exchange group (from the engine), null when none or failed
 * @param helloRetryRequest   whether the server answered the first ClientHello with a HelloRetryRequest
 * @param helloRetryGroup     the group the HelloRetryRequest asked for, or null
 * @param resumed             whether the server resumed an earlier session of the same {@link TlsHandshaker} (TLS 1.3:
 *                            it accepted a pre-shared key; TLS 1.2: its session id is the previous handshake's)
 * @param sessionId           the server's session id, hex (empty when it gave none)
 * @param chain               the server's certificate chain, leaf first (also when the client did not trust it)
 * @param failure             why it failed, in one line, or null
 * @param handshakeNanos      from the first ClientHello byte to the client's Finished (TCP connect not included)
 */
public record HandshakeOutcome(boolean completed, String protocol, String cipherSuite, String namedGroup,
        boolean helloRetryRequest, String helloRetryGroup, boolean resumed, String sessionId,
        List<CertificateSummary> chain, String failure, long handshakeNanos) {

    public HandshakeOutcome {
        chain = List.copyOf(chain);
    }

    /** Whether the key exchange was a hybrid post-quantum group. */
    public boolean hybrid() {
        return io.pqws.tls.NamedGroups.isHybridPostQuantum(namedGroup);
    }
}
