package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
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
import io.pqws.client.WssConnection;
import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;

/**
 * The {@code classic} baseline has no ML-KEM: a hybrid-preferring client gets x25519 and is told so, a client that
 * offers only the hybrid group finds no common group, and the page says "not quantum-safe".
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClassicProfileIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @BeforeAll
    static void runsUnderClassic() {
        assertEquals("classic", PqwsServer.profile());
    }

    @Test
    void aHybridPreferringClientGetsX25519() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.wss("tls"), WAIT)) {
            ServerTls server = ServerTls.of(connection);
            assertEquals("x25519", server.namedGroup());
            assertFalse(server.hybrid());
        }
    }

    @Test
    void theServerCountsWhoOfferedAHybridGroupThoughNoneIsServed() throws Exception {
        new WholeServerHandshakes(PqwsServer.https(""))
                .underClassicTheHybridOfferIsCountedThoughX25519IsServed();
    }

    @Test
    void overTls12TheServerNeverSignsWithSha1() throws Exception {
        Tls12Suites.assertNeverSignsWithSha1(PqwsServer.httpsPort());
    }

    @Test
    void openSslOfferingOnlyTheHybridGroupFindsNoCommonGroup() throws Exception {
        OpenSslPeer.Result result = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(PqwsServer.httpsPort())
                .groups("X25519MLKEM768").trusting(PqwsServer.caCertificate()));
        assertFalse(result.handshakeCompleted(), result.toString());
    }

    @Test
    void theProbeFindsNoHybridGroupAndNoTls12Resumption() throws Exception {
        ProbeReport report = ProbeIT.probe();

        assertFalse(report.meets(ProbeReport.Requirement.HYBRID));
        assertEquals("a hybrid-capable client got x25519, not a hybrid group",
                report.shortfall(ProbeReport.Requirement.HYBRID));
        for (String group : ServerProbe.HYBRID_GROUPS) {
            assertFalse(report.accepts(group), group);
        }
        assertTrue(report.classicOnly().completed());

        List<HandshakeOutcome> tls12 = ProbeIT.twice(ClientHelloOffer.tls13("x25519", "secp256r1")
                .withProtocols("TLSv1.2"));
        assertTrue(tls12.get(1).completed());
        assertFalse(tls12.get(1).resumed(), "the classic profile switches resumption off (ProbeIT: on in hybrid)");
    }

    @Test
    void chromiumIsToldTheConnectionIsNotQuantumSafe() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, PqwsServer.https("").toString());
            assertEquals("classic", page.state(), page.toString());
            assertEquals("x25519", page.group());
            assertTrue(page.title().startsWith("Not quantum-safe"), page.title());
        }
    }
}
