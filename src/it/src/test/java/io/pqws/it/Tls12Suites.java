package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which TLS 1.2 cipher suites a listener accepts, asked one suite at a time by the JDK's own client (SunJSSE, an
 * independent implementation from the server's BCJSSE), and which handshake signatures it makes, asked one
 * signature algorithm at a time by a hand-built ClientHello.
 *
 * <p>Why: the PQ profiles promise AEAD suites with forward secrecy only and no SHA-1 or SHA-224 signatures
 * (SECURITY.md, "TLS scan"), and each container has its own way of applying that; this checks the listener, not the
 * setting.
 */
final class Tls12Suites {

    /** GCM, ECDHE, the dev PKI's ECDSA key: a suite every listener must accept over TLS 1.2. */
    static final String AEAD = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    /** The same key exchange and key with CBC and HMAC: a suite no listener may accept. */
    static final String CBC = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    /** {@code ecdsa_sha1}: a handshake signature no listener may make (SECURITY.md, "TLS scan"). */
    static final String ECDSA_SHA1 = "0203";
    /** {@code ecdsa_secp256r1_sha256}: the handshake signature every listener must make with the dev PKI's key. */
    static final String ECDSA_P256_SHA256 = "0403";

    private Tls12Suites() {
    }

    /** Asserts that the listener accepts {@link #AEAD} (the positive control) and refuses {@link #CBC}. */
    static void assertAeadOnly(int port) throws GeneralSecurityException, IOException {
        assertTrue(accepts(port, AEAD), "positive control: ECDHE-ECDSA with AES-GCM");
        assertFalse(accepts(port, CBC), "CBC suites are refused");
    }

    /** Asserts that the listener signs with {@link #ECDSA_P256_SHA256} (the positive control) and never with SHA-1. */
    static void assertNeverSignsWithSha1(int port) throws IOException {
        assertTrue(signsWith(port, ECDSA_P256_SHA256), "positive control: ecdsa_secp256r1_sha256");
        assertFalse(signsWith(port, ECDSA_SHA1), "ecdsa_sha1 is refused");
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

    /**
     * Whether a TLS 1.2 ClientHello whose {@code signature_algorithms} offer only {@code signature} (hex, e.g.
     * {@link #ECDSA_SHA1}) gets a ServerHello from localhost:{@code port}, rather than an alert or a closed connection
     * (Grizzly may close it before BCJSSE's alert is sent). The hand-built hello ({@link ClientHellos}; JDK 17's client
     * cannot be told to offer one scheme) accepts the server's SHA-256 chain in {@code signature_algorithms_cert}, so
     * only the server's own handshake signature is at stake.
     */
    static boolean signsWith(int port, String signature) throws IOException {
        return ClientHellos.answer(port, "0303 c02b,c02c " + signature + " " + ECDSA_P256_SHA256,
                Duration.ofSeconds(10)).equals("ServerHello");
    }
}
