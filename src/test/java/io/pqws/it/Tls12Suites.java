package io.pqws.it;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which TLS 1.2 cipher suites a listener accepts, asked one suite at a time by the JDK's own client (SunJSSE, an
 * independent implementation from the server's BCJSSE).
 *
 * <p>Why: the PQ profiles promise AEAD suites with forward secrecy only (SECURITY.md, "TLS scan"), and each container
 * has its own setting for that; this checks the listener, not the setting.
 */
final class Tls12Suites {

    /** GCM, ECDHE, the dev PKI's ECDSA key: a suite every listener must accept over TLS 1.2. */
    static final String AEAD = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    /** The same key exchange and key with CBC and HMAC: a suite no listener may accept. */
    static final String CBC = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";

    private Tls12Suites() {
    }

    /** Whether a TLS 1.2 handshake offering only {@code suite} succeeds against localhost:{@code port}. */
    static boolean accepts(int port, String suite) throws GeneralSecurityException, IOException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(PqwsServer.trustStore());
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            return suite.equals(socket.getSession().getCipherSuite());
        } catch (SSLHandshakeException refused) {
            return false;
        }
    }
}
