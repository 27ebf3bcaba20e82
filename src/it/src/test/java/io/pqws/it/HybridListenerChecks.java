package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.OpenSslPeer;

/**
 * What every container's own https listener must show once its recipe in {@code server-config/} made it hybrid, with
 * {@code pqws.war} deployed: written once, run by the IT of each container the tests start themselves (GlassFish,
 * Payara Server 6 and 7, Open Liberty, WildFly). An IT implements this interface, names its running server and its
 * product, and adds what is its own; JUnit runs these default methods as the IT's own tests.
 */
interface HybridListenerChecks {

    Duration WAIT = Duration.ofSeconds(10);

    /** The running server under test. */
    PqwsListener server();

    /** The product's name, e.g. {@code "GlassFish"}, which the echo carries. */
    String product();

    @Test
    default void echoesOverWssWithTheHybridGroup() throws Exception {
        String greeting = "grüß dich, " + product();
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server().wss("echo"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            connection.sendText(greeting);
            assertEquals(new WsMessage.Text(greeting), connection.nextMessage(WAIT));
        }
    }

    @Test
    default void theSessionReportsTheHybridGroupAndTheClientCertificate() throws Exception {
        ClientTlsSettings alice = PqwsServer.client(TlsProfile.HYBRID)
                .withClientCertificate(PqwsServer.clientCertificate("alice"));
        try (WssConnection connection = new WssClient(alice).connect(server().wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertTrue(tls.hybrid());
            assertEquals("TLSv1.3", tls.protocol());
            assertEquals("CN=alice, O=pqws dev", tls.clientCertificate());
            assertTrue(connection.handshake().serverIssuer().contains("pqws development CA"),
                    "the listener serves the key the recipe installed, not the container's own default one");
        }
    }

    @Test
    default void withoutAClientCertificateNoneIsReported() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server().wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertNull(tls.clientCertificate());
        }
    }

    @Test
    default void aClassicOnlyClientIsServedWithX25519AndToldSo() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.CLASSIC))
                .connect(server().wss("tls"), WAIT)) {
            assertEquals("x25519", connection.handshake().namedGroup());
            ServerTls tls = ServerTls.of(connection);
            assertEquals("x25519", tls.namedGroup(), tls.json().toString());
            assertFalse(tls.hybrid());
        }
    }

    /**
     * BCJSSE alone follows the client's order and would pick x25519, and SunJSSE has no ML-KEM group on these JDKs;
     * only the PQWS provider puts the server's order first. So X25519MLKEM768 here means the container took its
     * SSLContext from PQWS.
     */
    @Test
    default void theServersGroupOrderWinsSoPqwsServesTheListener() throws Exception {
        ClientTlsSettings classicFirst = PqwsServer.clientOffering("x25519", "X25519MLKEM768", "secp256r1");
        try (WssConnection connection = new WssClient(classicFirst).connect(server().wss("tls"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            assertEquals("X25519MLKEM768", ServerTls.of(connection).namedGroup());
        }
    }

    @Test
    default void openSsl35NegotiatesTheHybridGroup() throws Exception {
        OpenSslPeer.Result result = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(server().httpsPort())
                .groups("X25519MLKEM768").trusting(PqwsServer.caCertificate()));
        assertTrue(result.handshakeCompleted(), result.toString());
        assertTrue(result.verified(), result.toString());
        assertEquals("X25519MLKEM768", result.group(), result.toString());
    }

    @Test
    default void overTls12OnlyAeadSuitesAreAccepted() throws Exception {
        Tls12Suites.assertAeadOnly(server().httpsPort());
    }

    @Test
    default void overTls12TheServerNeverSignsWithSha1() throws Exception {
        Tls12Suites.assertNeverSignsWithSha1(server().httpsPort());
    }
}
