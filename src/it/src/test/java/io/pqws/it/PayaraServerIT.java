package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * The same WAR on a Payara Server 6 domain whose own https listener {@code server-config/payara-server/configure-pq.sh}
 * turned into a hybrid one: the echo works, sessions report the group their handshake negotiated and the mTLS
 * client certificate, the server's group order wins, and {@code restore.sh} gives the domain's JVM options and
 * listener settings back. Last, undeploying the WAR closes every open WebSocket session with {@code 1001}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LISTENER_SSL =
            "configs.config.server-config.network-config.protocols.protocol.http-listener-2.ssl.*";

    private static AsadminDomain server;
    private static String jvmOptionsBefore;
    private static String listenerBefore;

    @BeforeAll
    static void createConfigureAndDeploy() throws Exception {
        assertEquals("hybrid", PqwsServer.profile());
        server = AsadminDomain.payaraServer();
        jvmOptionsBefore = server.asadmin("list-jvm-options");
        listenerBefore = server.asadmin("get", LISTENER_SSL);
        server.configure();
        server.deployBuiltWar();
    }

    @AfterAll
    static void restoreAndRemove() throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.undeployAndRestore();
            assertEquals(jvmOptionsBefore, server.asadmin("list-jvm-options"), "restore.sh removes the JVM options");
            assertEquals(listenerBefore, server.asadmin("get", LISTENER_SSL), "restore.sh resets the listener");
        } finally {
            server.stopAndDelete();
        }
    }

    @Test
    void echoesOverWssWithTheHybridGroup() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("echo"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            connection.sendText("grüß dich, Payara Server");
            assertEquals(new WsMessage.Text("grüß dich, Payara Server"), connection.nextMessage(WAIT));
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
            assertEquals("CN=alice, O=pqws dev", tls.clientCertificate());
            assertTrue(connection.handshake().serverIssuer().contains("pqws development CA"),
                    "the listener serves the imported pqws-server key, not Payara's s1as");
        }
    }

    @Test
    void aClassicOnlyClientIsServedWithX25519AndToldSo() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.CLASSIC))
                .connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("x25519", tls.namedGroup(), tls.json().toString());
            assertFalse(tls.hybrid());
        }
    }

    @Test
    void theServersGroupOrderWinsSoPqwsServesTheListener() throws Exception {
        ClientTlsSettings classicFirst = PqwsServer.clientOffering("x25519", "X25519MLKEM768", "secp256r1");
        try (WssConnection connection = new WssClient(classicFirst).connect(server.wss("tls"), WAIT)) {
            assertEquals("X25519MLKEM768", ServerTls.of(connection).namedGroup());
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
     * {@code asadmin undeploy} stops the web module as {@code asadmin stop-domain} does (Catalina's
     * {@code StandardContext.stop}: servlets, then Tyrus' filter, which drops what is still open), only without
     * stopping the domain, which the restore check after it needs: the module's goodbye servlet must have closed
     * every session with 1001 first. Runs last: it undeploys the WAR.
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
