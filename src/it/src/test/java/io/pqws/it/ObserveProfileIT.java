package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;

/**
 * The {@code observe} profile: the JDK's own SunJSSE serves every client, so everyone gets a classic group (JDK 17
 * has no hybrid one), and the PQWS provider only watches, so the same counters, fingerprint table, status and
 * {@code pqws-client readiness} tell the operator who already offers a hybrid group and who hybrid-only would refuse.
 * The clients: OpenSSL 3.5 with its default groups and with {@code -groups x25519}, headless Chromium, our client
 * offering X25519MLKEM768, and the JDK's WebSocket client. That nothing negotiated changes under observation is
 * shown on loopback handshakes against plain SunJSSE ({@code ObserveModeTest} in pqws-jsse).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObserveProfileIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @BeforeAll
    static void runsUnderObserve() {
        assertEquals("observe", PqwsServer.profile());
    }

    @Test
    @Order(1)
    void openSslIsServedX25519AndCountedWithWhatItOffered() throws Exception {
        new WholeServerHandshakes(PqwsServer.https("")).underObserveOpenSslIsServedClassicAndCountedWithItsOffer();
    }

    @Test
    @Order(2)
    void ourHybridClientGetsX25519AndTheWarReportsTheGroupSunJsseChose() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.wss("tls"), WAIT)) {
            ServerTls server = ServerTls.of(connection);
            assertEquals("x25519", server.namedGroup(), server.toString());
            assertFalse(server.hybrid());
        }
    }

    @Test
    @Order(3)
    void chromiumOffersHybridIsServedX25519AndIsToldSo() throws Exception {
        new WholeServerHandshakes(PqwsServer.https("")).underObserveChromiumOffersHybridOnEveryConnection();
    }

    @Test
    @Order(4)
    void theJdkClientIsListedAsOneHybridOnlyWouldRefuseAndTheReadinessCommandSaysSo() throws Exception {
        WholeServerHandshakes server = new WholeServerHandshakes(PqwsServer.https(""));
        server.theJdkWebSocketClientIsListedWithItsUserAgent(PqwsServer.wss("tls"));
        server.theReadinessCommandNamesTheClientsHybridOnlyWouldRefuse();
        assertTrue(new OperatorHttp(PqwsServer.https("")).status().getString("profile").equals("observe"),
                "the status reports the observe profile");
    }
}
