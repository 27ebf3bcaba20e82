package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Under the {@code hybrid} profile every session reports the group its own handshake negotiated, read from the
 * connection and not from configuration: a client that offers the hybrid group gets it, a classic-only client falls
 * back, and the server's preference wins over a client that lists x25519 first.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TlsFactsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void aClientOfferingOnlyTheHybridGroupIsServedWithIt() throws Exception {
        // secp256r1 is listed for the ECDSA signature only; the only key share and first choice is the hybrid.
        ClientTlsSettings hybridOnly = PqwsServer.client(TlsProfile.HYBRID_ONLY);
        try (WssConnection connection = new WssClient(hybridOnly).connect(PqwsServer.wss("tls"), WAIT)) {
            ServerTls server = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", server.namedGroup());
            assertTrue(server.hybrid());
            assertEquals("TLSv1.3", server.protocol());
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup(), "client and server must agree");
            assertNull(server.clientCertificate());
        }
    }

    @Test
    void aClassicOnlyClientFallsBackToX25519() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.CLASSIC))
                .connect(PqwsServer.wss("tls"), WAIT)) {
            ServerTls server = ServerTls.of(connection);
            assertEquals("x25519", server.namedGroup());
            assertFalse(server.hybrid());
            assertEquals("x25519", connection.handshake().namedGroup());
        }
    }

    @Test
    void theServerPrefersTheHybridGroupOverTheClientsOrder() throws Exception {
        // BC's own default: x25519 listed and shared first. BCJSSE alone would pick x25519 (client order);
        // the PQWS policy provider makes the server's order win, at the cost of a HelloRetryRequest.
        ClientTlsSettings classicFirst = PqwsServer.clientOffering("x25519", "X25519MLKEM768", "secp256r1");
        try (WssConnection connection = new WssClient(classicFirst).connect(PqwsServer.wss("tls"), WAIT)) {
            assertEquals("X25519MLKEM768", ServerTls.of(connection).namedGroup());
        }
    }

    @Test
    void aClientCertificateSubjectIsReported() throws Exception {
        ClientTlsSettings alice = PqwsServer.client(TlsProfile.HYBRID)
                .withClientCertificate(PqwsServer.clientCertificate("alice"));
        try (WssConnection connection = new WssClient(alice).connect(PqwsServer.wss("tls"), WAIT)) {
            assertEquals("CN=alice, O=pqws dev", ServerTls.of(connection).clientCertificate());
        }
    }

    @Test
    void theRestResourceReportsAnHttpsRequestOfTheJdkClient() throws Exception {
        // The JDK's own HttpClient (SunJSSE on JDK 17) offers no hybrid group: the report must say so.
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(PqwsServer.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(context).connectTimeout(WAIT).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(PqwsServer.https("api/tls"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonObject facts = Json.createReader(new StringReader(response.body())).readObject();
        assertTrue(facts.getBoolean("secure"));
        assertEquals("x25519", facts.getString("namedGroup"));
        assertFalse(facts.getBoolean("hybridPostQuantum"));
    }
}
