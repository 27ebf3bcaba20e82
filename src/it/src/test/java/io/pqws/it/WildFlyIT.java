package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.JavascriptExecutor;

import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The same WAR on WildFly 39, whose own https listener {@code server-config/wildfly/configure-pq.cli} turned into a
 * hybrid one, HTTP/2 left on: the echo works, every session reports the group its handshake negotiated (the PQWS
 * provider names it in the TLS session, which the Undertow locator reaches for HTTP/1.1 and HTTP/2 connections alike),
 * pages and REST requests go over HTTP/2, the server's group order wins, the mTLS client certificate is reported, and
 * {@code restore.cli} gives the original configuration back. The sample portal, a WAR that carries the pqws library,
 * runs beside it with the same checks as on Payara, and then alone, after pqws.war's undeployment. Last, a SIGTERM
 * stops it gracefully and every open WebSocket session gets a close frame {@code 1001}.
 *
 * <p>The checks every container's hybrid listener must pass are {@link HybridListenerChecks}; this class adds its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyIT implements HybridListenerChecks {

    private static byte[] pristineConfiguration;
    private static WildFlyServer server;

    @BeforeAll
    static void configureDeployAndStart() throws Exception {
        assertEquals("hybrid", PqwsServer.profile());
        pristineConfiguration = Files.readAllBytes(WildFlyServer.standaloneXml());
        server = WildFlyServer.configureDeployAndStart();
    }

    @AfterAll
    static void stopAndRestore() throws Exception {
        if (server == null) {
            return;
        }
        server.stopAndRestore();
        assertEquals(withoutBlankLines(pristineConfiguration), withoutBlankLines(
                Files.readAllBytes(WildFlyServer.standaloneXml())), "restore.cli must give standalone.xml back");
        assertFalse(Files.exists(WildFlyServer.home().resolve("modules/io/pqws")), "restore.cli removes the module");
    }

    @Override
    public PqwsListener server() {
        return server;
    }

    @Override
    public String product() {
        return "WildFly";
    }

    @Test
    void undertowKeepsNoPerMessageIdleTimerToSwitchOff() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("echo"), WAIT)) {
            connection.sendText("one");
            assertEquals(new WsMessage.Text("one"), connection.nextMessage(WAIT));
            assertEquals("not-needed", new OperatorHttp(server.https("")).status().getString("containerIdleTimer"));
        }
    }

    @Test
    void aClientCertificateLogsIntoTheProtectedChat() throws Exception {
        try (WssConnection alice = new WssClient(Users.withCertificate("alice")).connect(server.wss("chat/wildfly"),
                WAIT)) {
            assertEquals(Users.principal("alice"), Users.nextOfType(alice, "welcome").getString("you"));
        }
        WssClientException refused = assertThrows(WssClientException.class, () -> new WssClient(
                PqwsServer.client(TlsProfile.HYBRID)).connect(server.wss("chat/wildfly"), WAIT).close(),
                "negative control: without a certificate the chat stays closed");
        assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
    }

    @Test
    void aClientCertificateLogsIntoTheTicketResource() throws Exception {
        HttpResponse<String> issued = postEmpty("alice", server.https("api/tickets"));
        assertEquals(200, issued.statusCode(), issued.body());
        String ticket = Json.createReader(new StringReader(issued.body())).readObject().getString("ticket");
        assertFalse(ticket.isBlank());
        assertEquals(401, postEmpty(null, server.https("api/tickets")).statusCode(),
                "negative control: without a certificate no ticket");
    }

    /** And HTTP/2 stays on the PQ listener: offered {@code h2} and {@code http/1.1}, OpenSSL gets {@code h2}. */
    @Override
    @Test
    public void openSsl35NegotiatesTheHybridGroup() throws Exception {
        OpenSslPeer.Result result = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(server.httpsPort())
                .groups("X25519MLKEM768").trusting(PqwsServer.caCertificate()).alpn("h2,http/1.1"));
        assertTrue(result.handshakeCompleted(), result.toString());
        assertTrue(result.verified(), result.toString());
        assertEquals("X25519MLKEM768", result.group(), result.toString());
        assertEquals("h2", result.alpnProtocol(), result.toString());
    }

    /**
     * The page comes over HTTP/2 and its WebSocket over HTTP/1.1 (Undertow 2.3's HTTP/2 has no
     * {@code SETTINGS_ENABLE_CONNECT_PROTOCOL}, so Chromium cannot use RFC 8441), both on the PQ listener with
     * X25519MLKEM768: the WebSocket's session reports the group although Undertow's ALPN engine wraps the PQWS
     * engine of its connection.
     */
    @Test
    void chromiumLoadsThePageOverHttp2AndShowsAQuantumSafeWebSocket() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, server.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group());
            assertEquals("h2", ((JavascriptExecutor) chromium.driver())
                    .executeScript("return performance.getEntriesByType('navigation')[0].nextHopProtocol"));
        }
    }

    @Test
    void theRestResourceReportsAnHttpsRequestOfTheJdkClient() throws Exception {
        // RESTEasy hands the resource a proxy of the request; the facts must still come from the connection, here an
        // HTTP/2 one, whose TLS engine Undertow keeps out of reach: the group comes from its session.
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(PqwsServer.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(context).connectTimeout(WAIT).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.https("api/tls")).timeout(WAIT)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version(), "the JDK client's default, with HTTP/2 on");
        JsonObject facts = Json.createReader(new StringReader(response.body())).readObject();
        assertTrue(facts.getBoolean("secure"), facts.toString());
        assertEquals("x25519", facts.getString("namedGroup"), facts.toString());
        assertFalse(facts.getBoolean("hybridPostQuantum"));
    }

    @Test
    void theSamplePortalBesideItReportsItsOwnSessionsGroup() throws Exception {
        portal().deskReportsEachSessionsGroup();
    }

    @Test
    void theSamplePortalKeepsTheLibrarysOriginCheckAndLimits() throws Exception {
        portal().deskRefusesAForeignOrigin();
        portal().deskClosesAnOversizedMessageWith1009();
    }

    @Test
    void theSamplePortalsOwnBeanNotifiesItsSignedInUsers() throws Exception {
        portal().shiftBoardNotifiesTheStaff();
    }

    @Test
    void theSamplePortalsMetricsCountItsOwnEndpointOnly() throws Exception {
        portal().metricsCountTheDeskOnly();
    }

    @Test
    void everyHandshakeWithTheOtherApplicationIsCountedByTheServer() throws Exception {
        WholeServerHandshakes handshakes = new WholeServerHandshakes(server.https(""));
        handshakes.theJdkClientsRequestToTheOtherApplicationIsCounted();
        handshakes.openSslHandshakesAreCountedWithWhatTheyOffered();
        handshakes.chromiumsConnectionsToTheOtherApplicationAreCounted();
        handshakes.theJdkWebSocketClientIsListedWithItsUserAgent();
        handshakes.theReadinessCommandNamesTheClientsHybridOnlyWouldRefuse();
        handshakes.theCountedGroupIsTheGroupTheSessionReports();
    }

    /**
     * The sample portal alone on WildFly: pqws.war is undeployed first (a request to it gets 404), and the portal keeps
     * everything the library gives it, which it then cannot owe to pqws.war. pqws.war is deployed again afterwards for
     * the last test.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void theSamplePortalAloneKeepsTheLibrarysGroupChecksLimitsNotificationsAndMetrics() throws Exception {
        server.undeploy(PqwsServer.CONTEXT);
        try {
            HttpResponse<String> gone = Users.https(null).send(HttpRequest.newBuilder(server.https("api/tls"))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, gone.statusCode(), "pqws.war is undeployed: " + gone.body());
            SamplePortal alone = portal();
            alone.deskReportsEachSessionsGroup();
            alone.deskRefusesAForeignOrigin();
            alone.deskClosesAnOversizedMessageWith1009();
            alone.shiftBoardNotifiesTheStaff();
            alone.metricsCountTheDeskOnly();
        } finally {
            server.redeploy(PqwsServer.CONTEXT);
        }
    }

    private static SamplePortal portal() {
        return new SamplePortal(server.httpsPort());
    }

    /**
     * SIGTERM makes WildFly suspend before it stops (wildfly-core's {@code BootstrapImpl} shutdown hook), and on
     * suspend Undertow pauses the WebSocket container, which closes every session with {@code 1001} and no reason
     * ({@code UndertowDeploymentInfoService} registers that as a server activity): the container says goodbye before
     * the module's own hook ({@code GoodbyeServlet}) runs at undeployment. Asserted on the wire only: Undertow closes
     * the connection right after its close frame ({@code UndertowSession.closeInternal}), so a client library may
     * report 1006 although the frame arrived (printed). Runs last: it stops the server.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aGracefulStopSaysGoingAwayToEverySession() throws Exception {
        try (StopWitnesses witnesses = StopWitnesses.open(server.wss("echo"), WAIT)) {
            assertTrue(server.stop(), "WildFly stopped by itself after SIGTERM, not killed");
            witnesses.assertCloseFrameOnTheWire("", WAIT);
            System.out.println("WildFlyIT: after SIGTERM the Tyrus client reported "
                    + witnesses.clientSaw(WAIT).describe());
        }
    }

    private static HttpResponse<String> postEmpty(String userOrNull, URI uri) throws Exception {
        return Users.https(userOrNull).send(HttpRequest.newBuilder(uri).timeout(WAIT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> withoutBlankLines(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

}
