package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

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
 * The same WAR on Open Liberty 26 (Jakarta EE 10 web profile), whose https port
 * {@code server-config/open-liberty/configure-pq.sh} turned into a hybrid one: the echo works, the server's group
 * order wins (so the PQWS provider serves Liberty's SSL channel, not SunJSSE), OpenSSL 3.5 gets the hybrid group,
 * each session reports its own group and the mTLS client certificate, Chromium's page says "quantum-safe", and
 * {@code restore.sh} gives every configuration file of the server back.
 * Last, removing the WAR from {@code dropins/} closes every open WebSocket session with {@code 1001}.
 *
 * <p>Liberty keeps the {@code SSLEngine} of a connection behind non-public members of its channel framework, but its
 * public SPI reaches the TLS session, in which the PQWS provider names the group
 * ({@code OpenLibertySslSessionLocator}); each check compares the group the session reports with the one the client
 * negotiated.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenLibertyIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static OpenLibertyServer server;
    private static Map<String, String> configurationBefore;

    @BeforeAll
    static void createConfigureAndStart() throws Exception {
        assertEquals("hybrid", PqwsServer.profile());
        server = OpenLibertyServer.create();
        configurationBefore = server.configuration();
        server.configure();
        server.deployAndStart();
    }

    @AfterAll
    static void stopRestoreAndRemove() throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.stopAndRestore();
            assertEquals(configurationBefore, server.configuration(),
                    "restore.sh gives server.xml, jvm.options and every other configuration file back");
        } finally {
            server.delete();
        }
    }

    /** The positive control of the comparison in {@link #stopRestoreAndRemove}: it sees what configure-pq.sh did. */
    @Test
    void configureAddsTheProfileAndADropInButLeavesServerXmlAlone() throws Exception {
        Map<String, String> now = server.configuration();
        assertNotEquals(configurationBefore, now);
        assertEquals(configurationBefore.get("server.xml"), now.get("server.xml"));
        assertTrue(now.get("jvm.options").contains("--module-path="), now.get("jvm.options"));
        assertTrue(now.get("configDropins/overrides/pqws-pq.xml").contains("jsseProvider=\"PQWS\""));
        assertFalse(configurationBefore.containsKey("jvm.options"), "the template has no jvm.options");
    }

    @Test
    void echoesOverWssWithTheHybridGroup() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("echo"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            connection.sendText("grüß dich, Open Liberty");
            assertEquals(new WsMessage.Text("grüß dich, Open Liberty"), connection.nextMessage(WAIT));
        }
    }

    @Test
    void theSessionReportsItsGroupAndTheClientCertificate() throws Exception {
        ClientTlsSettings alice = PqwsServer.client(TlsProfile.HYBRID)
                .withClientCertificate(PqwsServer.clientCertificate("alice"));
        try (WssConnection connection = new WssClient(alice).connect(server.wss("tls"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            assertTrue(connection.handshake().serverIssuer().contains("pqws development CA"),
                    "the endpoint serves configure-pq.sh's key store, not Liberty's generated default one");
            ServerTls tls = ServerTls.of(connection);
            assertTrue(tls.secure());
            assertEquals("CN=alice, O=pqws dev", tls.clientCertificate());
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertTrue(tls.hybrid());
        }
    }

    @Test
    void withoutAClientCertificateNoneIsReported() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("tls"), WAIT)) {
            assertNull(ServerTls.of(connection).clientCertificate());
        }
    }

    @Test
    void aClassicOnlyClientIsServedWithX25519AndToldSo() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.CLASSIC))
                .connect(server.wss("tls"), WAIT)) {
            assertEquals("x25519", connection.handshake().namedGroup());
            assertFalse(connection.handshake().hybrid());
            ServerTls tls = ServerTls.of(connection);
            assertEquals("x25519", tls.namedGroup(), tls.json().toString());
            assertFalse(tls.hybrid());
        }
    }

    @Test
    void theServersGroupOrderWinsSoPqwsServesTheEndpoint() throws Exception {
        // SunJSSE (Liberty's default provider for its SSL channel) has no ML-KEM on this JDK, and BCJSSE alone follows
        // the client's order: either would answer x25519 here. Only the PQWS provider puts the hybrid group first.
        ClientTlsSettings classicFirst = PqwsServer.clientOffering("x25519", "X25519MLKEM768", "secp256r1");
        try (WssConnection connection = new WssClient(classicFirst).connect(server.wss("echo"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
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

    /** Chromium loads the page and its WebSocket over the PQ endpoint, and the page says it is quantum-safe. */
    @Test
    void chromiumIsToldItsConnectionIsQuantumSafe() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, server.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group(), page.toString());
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
     * Removing the WAR from {@code dropins/} makes Liberty stop the web module, without stopping the server, which
     * the restore check after it needs: the module's goodbye servlet must have closed every session with 1001 first.
     * Runs last: it undeploys the WAR.
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
