package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;

/**
 * Under the {@code hybrid} profile, independent TLS stacks agree with our own client: Debian's Chromium and
 * OpenSSL 3.5 negotiate X25519MLKEM768, and OpenSSL restricted to x25519 falls back to it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IndependentPeersIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void chromiumShowsAQuantumSafeConnection() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, PqwsServer.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group());
            assertTrue(page.title().contains("Quantum-safe"), page.title());
        }
    }

    @Test
    void openSsl35NegotiatesTheHybridGroup() throws Exception {
        OpenSslPeer.Result result = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(PqwsServer.httpsPort())
                .groups("X25519MLKEM768").trusting(PqwsServer.caCertificate()));
        assertTrue(result.handshakeCompleted(), result.toString());
        assertTrue(result.verified(), result.toString());
        assertEquals("X25519MLKEM768", result.group(), result.toString());
    }

    @Test
    void openSsl35LimitedToX25519FallsBack() throws Exception {
        OpenSslPeer.Result result = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(PqwsServer.httpsPort())
                .groups("x25519").trusting(PqwsServer.caCertificate()));
        assertTrue(result.handshakeCompleted(), result.toString());
        assertEquals("x25519", result.group(), result.toString());
    }
}
