package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.ClientHelloOffer;
import io.pqws.client.HandshakeOutcome;
import io.pqws.client.ProbeReport;
import io.pqws.client.ServerProbe;
import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.HeadlessChromium;

/**
 * Under {@code hybrid-only} a client that offers no hybrid group is refused during the handshake, while Chromium,
 * OpenSSL 3.5 and our BC client connect with X25519MLKEM768, all with the default ECDSA P-256 certificate.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HybridOnlyProfileIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @BeforeAll
    static void runsUnderHybridOnly() {
        assertEquals("hybrid-only", PqwsServer.profile());
    }

    @Test
    void aClassicOnlyClientIsRefusedWithAHandshakeFailure() {
        WssClientException refused = assertThrows(WssClientException.class,
                () -> new WssClient(PqwsServer.client(TlsProfile.CLASSIC)).connect(PqwsServer.wss("tls"), WAIT)
                        .close());
        assertEquals(WssClientException.Kind.TLS, refused.kind(), refused.getMessage());
        assertTrue(refused.getMessage().contains("handshake_failure"), refused.getMessage());
    }

    @Test
    void ourHybridClientIsServedWithTheEcdsaCertificate() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.wss("tls"), WAIT)) {
            ServerTls server = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", server.namedGroup());
            assertTrue(server.hybrid());
            assertEquals("CN=localhost", connection.handshake().serverSubject().split(",")[0]);
        }
    }

    @Test
    void openSsl35WithTheHybridGroupConnectsAndWithX25519IsRefused() throws Exception {
        HybridOnlyChecks.openSslIsServedTheHybridGroupAndRefusedWithClassicGroups(PqwsServer.httpsPort(),
                "x25519:secp256r1");
    }

    @Test
    void theProbeFindsItHybridOnlyWithAllThreeHybridGroupsAndNoResumption() throws Exception {
        ProbeReport report = ProbeIT.probe();

        assertTrue(report.meets(ProbeReport.Requirement.HYBRID_ONLY), report.toString());
        for (String group : ServerProbe.HYBRID_GROUPS) {
            assertTrue(report.accepts(group), group);
        }
        assertFalse(report.versions().get("TLSv1.2").completed());
        assertTrue(report.classicOnly().failure().contains("handshake_failure"), report.classicOnly().failure());

        List<HandshakeOutcome> tls13 = ProbeIT.twice(ClientHelloOffer.tls13("X25519MLKEM768", "secp256r1"));
        assertTrue(tls13.get(1).completed());
        assertFalse(tls13.get(1).resumed());
    }

    @Test
    void refusedClassicClientsAreCountedByReason() throws Exception {
        HybridOnlyChecks.aRefusedClassicClientIsCountedByReason(new OperatorHttp(PqwsServer.http(base, "")),
                PqwsServer.wss("echo"));
    }

    @Test
    void chromiumConnects() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, PqwsServer.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group());
        }
    }
}
