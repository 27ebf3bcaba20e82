package io.pqws.client;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.pqws.tls.NamedGroups;
import io.pqws.tls.bc.BcNegotiatedGroupReader;

/**
 * What a connection's TLS handshake actually negotiated, as the client saw it.
 *
 * <p>Why the client reports this itself: the point of the project is to show that a post-quantum key exchange was
 * used, and the only trustworthy witness on the client side is its own engine; the server's {@code /tls} page says
 * what the server saw. The TLS fields are {@code null} for a plain {@code ws://} connection.
 *
 * @param protocol        {@code TLSv1.3}, or {@code null} without TLS
 * @param cipherSuite     e.g. {@code TLS_AES_256_GCM_SHA384}, or {@code null} without TLS
 * @param namedGroup      the key-exchange group, e.g. {@code X25519MLKEM768}; {@code null} without TLS or when none
 *                        was negotiated (a TLS 1.2 RSA key exchange)
 * @param hybrid          whether {@code namedGroup} is a hybrid post-quantum group
 * @param serverSubject   subject of the server's end-entity certificate, e.g. {@code CN=localhost}
 * @param serverIssuer    issuer of that certificate
 * @param handshakeMillis time from starting to connect until the WebSocket was open (TCP, TLS and HTTP upgrade)
 */
public record HandshakeReport(String protocol, String cipherSuite, String namedGroup, boolean hybrid,
        String serverSubject, String serverIssuer, long handshakeMillis) {

    /** Whether the connection runs over TLS. */
    public boolean secure() {
        return protocol != null;
    }

    static HandshakeReport plain(long handshakeMillis) {
        return new HandshakeReport(null, null, null, false, null, null, handshakeMillis);
    }

    /**
     * Reads the report from an engine whose handshake completed.
     *
     * @throws io.pqws.tls.bc.BcInternalsUnavailableException if BC's negotiated group cannot be read
     */
    static HandshakeReport of(SSLEngine engine, long handshakeMillis) {
        SSLSession session = engine.getSession();
        String group = BcNegotiatedGroupReader.negotiatedGroup(engine).map(NamedGroups::nameOf).orElse(null);
        String subject = null;
        String issuer = null;
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate) {
                X509Certificate leaf = (X509Certificate) chain[0];
                subject = leaf.getSubjectX500Principal().toString();
                issuer = leaf.getIssuerX500Principal().toString();
            }
        } catch (SSLPeerUnverifiedException anonymous) {
            // no server certificate: leave subject and issuer empty
        }
        return new HandshakeReport(session.getProtocol(), session.getCipherSuite(), group,
                NamedGroups.isHybridPostQuantum(group), subject, issuer, handshakeMillis);
    }
}
