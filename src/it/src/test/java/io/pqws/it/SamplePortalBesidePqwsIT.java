package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.PrometheusScrape;

/**
 * The sample portal beside {@code pqws.war} on one Payara Micro (started by the test: Arquillian deploys one archive
 * per container): each application gets the library's parts of its own, and neither sees the other's sessions,
 * metrics or notifications; the server's TLS provider counts the handshakes of both ({@link WholeServerHandshakes}).
 */
class SamplePortalBesidePqwsIT {

    private static final Duration WAIT = Users.WAIT;

    private static ClusterInstance server;
    private static SamplePortal portal;

    @BeforeAll
    static void startBoth() throws Exception {
        server = ClusterInstance.startWithoutGridBeside("portal-beside-pqws",
                Path.of(System.getProperty("pqws.it.resources"), "pqws-it.properties"), SamplePortal.war());
        server.awaitReady();
        portal = new SamplePortal(server.https("").getPort());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePortalsEndpointReportsEachSessionsNegotiatedGroup() throws Exception {
        portal.deskReportsEachSessionsGroup();
    }

    @Test
    void thePortalKeepsTheOriginCheckAndTheLimits() throws Exception {
        portal.deskRefusesAForeignOrigin();
        portal.deskClosesAnOversizedMessageWith1009();
    }

    @Test
    void pqwsBesideItStillReportsItsOwnSessionsGroup() throws Exception {
        try (WssConnection tls = new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(server.wss("tls"),
                WAIT)) {
            WsMessage first = tls.nextMessage(WAIT);
            assertTrue(first.toString().contains("X25519MLKEM768"), first.toString());
        }
    }

    @Test
    void eachApplicationsMetricsCountItsOwnEndpointsOnly() throws Exception {
        portal.metricsCountTheDeskOnly();
        try (WssConnection echo = new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(server.wss("echo"),
                WAIT)) {
            echo.sendText("ping");
            echo.nextMessage(WAIT);
        }
        PrometheusScrape pqws = new OperatorHttp(server.https("")).metrics();
        assertTrue(pqws.sum("pqws_websocket_sessions_opened_total", "endpoint", "/echo") >= 1);
        assertEquals(0, pqws.sum("pqws_websocket_sessions_opened_total", "endpoint", "/desk"),
                "the portal's desk is not pqws's");
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

    @Test
    void thePortalsNotificationsReachItsOwnUsersAndNotPqwss() throws Exception {
        URI pqwsNotifications = server.wss("notifications");
        try (WssConnection aliceOnPqws = new WssClient(Users.withCertificate("alice")).connect(pqwsNotifications,
                WAIT)) {
            assertEquals("ready", Users.next(aliceOnPqws).getString("type"));
            portal.shiftBoardNotifiesTheStaff();
            aliceOnPqws.sendText("{\"type\":\"subscribe\",\"topics\":[\"after-the-shift\"]}");
            // pqws's own notification centre answers the subscription, and had nothing of the portal's before it
            assertEquals("subscribed", Users.next(aliceOnPqws).getString("type"));
        }
    }
}
