package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import io.pqws.lifecycle.ModuleShutdown;
import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;

/**
 * The same WAR on a GlassFish 7 domain (Jakarta EE 10, Payara Server's upstream) whose own https listener the Payara
 * Server script {@code server-config/payara-server/configure-pq.sh} turned into a hybrid one: the echo works, sessions
 * report the group their handshake negotiated (read through the Grizzly locator, as on Payara) and the mTLS client
 * certificate, the server's group order wins, Chromium and OpenSSL 3.5 get the hybrid group, and {@code restore.sh}
 * gives domain.xml and the key stores back. Last, undeploying the WAR closes every open WebSocket session with
 * {@code 1001}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlassFishIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static AsadminDomain server;
    private static GlassFishDomainState unconfigured;

    /** The unconfigured domain deploys and undeploys the WAR once first: see {@link GlassFishDomainState#of}. */
    @BeforeAll
    static void createConfigureAndDeploy() throws Exception {
        assertEquals("hybrid", PqwsServer.profile());
        server = AsadminDomain.glassFish();
        server.deployBuiltWar();
        server.undeploy();
        unconfigured = GlassFishDomainState.of(server);
        server.configure();
        assertTrue(GlassFishDomainState.of(server).configuredForPqws(),
                "control: the comparison sees what configure-pq.sh changed");
        server.deployBuiltWar();
    }

    /** Restores, stops the domain (which may write domain.xml once more) and compares what is on disk then. */
    @AfterAll
    static void restoreAndRemove() throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.undeployAndRestore();
            server.stop();
            unconfigured.assertGivenBackIn(server);
        } finally {
            server.stopAndDelete();
        }
    }

    @Test
    void echoesOverWssWithTheHybridGroup() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("echo"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            connection.sendText("grüß dich, GlassFish");
            assertEquals(new WsMessage.Text("grüß dich, GlassFish"), connection.nextMessage(WAIT));
        }
    }

    @Test
    void theSessionReportsTheHybridGroupAndTheClientCertificate() throws Exception {
        ClientTlsSettings alice = PqwsServer.client(TlsProfile.HYBRID)
                .withClientCertificate(PqwsServer.clientCertificate("alice"));
        try (WssConnection connection = new WssClient(alice).connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertTrue(tls.hybrid());
            assertEquals("TLSv1.3", tls.protocol());
            assertEquals("CN=alice, O=pqws dev", tls.clientCertificate());
            assertTrue(connection.handshake().serverIssuer().contains("pqws development CA"),
                    "the listener serves the imported pqws-server key, not GlassFish's s1as");
        }
    }

    @Test
    void withoutAClientCertificateNoneIsReported() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertNull(tls.clientCertificate());
        }
    }

    @Test
    void aClassicOnlyClientIsServedWithX25519AndToldSo() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.CLASSIC))
                .connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("x25519", tls.namedGroup(), tls.json().toString());
            assertFalse(tls.hybrid());
            assertEquals("x25519", connection.handshake().namedGroup());
        }
    }

    @Test
    void theServersGroupOrderWinsSoPqwsServesTheListener() throws Exception {
        // BCJSSE alone follows the client's order and would pick x25519; only the PQWS provider switches the
        // server's order on. So X25519MLKEM768 here means Grizzly took its SSLContext from PQWS.
        ClientTlsSettings classicFirst = PqwsServer.clientOffering("x25519", "X25519MLKEM768", "secp256r1");
        try (WssConnection connection = new WssClient(classicFirst).connect(server.wss("tls"), WAIT)) {
            assertEquals("X25519MLKEM768", ServerTls.of(connection).namedGroup());
        }
    }

    @Test
    void openSsl35NegotiatesTheHybridGroup() throws Exception {
        OpenSslPeer.Result result = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(server.httpsPort())
                .groups("X25519MLKEM768").trusting(PqwsServer.caCertificate()));
        assertTrue(result.handshakeCompleted(), result.toString());
        assertTrue(result.verified(), result.toString());
        assertEquals("X25519MLKEM768", result.group(), result.toString());
    }

    @Test
    void chromiumShowsAQuantumSafeConnection() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, server.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group());
        }
    }

    @Test
    void overTls12OnlyAeadSuitesAreAccepted() throws Exception {
        Tls12Suites.assertAeadOnly(server.httpsPort());
    }

    @Test
    void overTls12TheServerNeverSignsWithSha1() throws Exception {
        Tls12Suites.assertNeverSignsWithSha1(server.httpsPort());
    }

    /**
     * {@code asadmin undeploy} stops the web module as on Payara Server (Catalina's {@code StandardContext.stop}),
     * without stopping the domain, which the restore check after it needs: the module's goodbye servlet must have
     * closed every session with 1001 first. Runs last: it undeploys the WAR.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void undeployingSaysGoingAwayToEverySession() throws Exception {
        try (StopWitnesses witnesses = StopWitnesses.open(server.wss("echo"), WAIT)) {
            server.undeploy();
            witnesses.assertGoingAway(ModuleShutdown.REASON, WAIT);
        }
    }
}
