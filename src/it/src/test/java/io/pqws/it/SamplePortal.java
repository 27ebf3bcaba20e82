package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.pqws.client.HandshakeOptions;
import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.PrometheusScrape;
import jakarta.json.JsonObject;

/**
 * The sample portal ({@code src/sample-portal}, a WAR that is not pqws and uses the pqws library) as a test sees it on
 * a running server, and what every container must show of it: its own endpoint reports its session's group, the
 * library's origin check and limits hold for it, its own CDI bean's notifications reach its users, and its own {@code
 * /rest/metrics} count its endpoint. The same checks run alone on Payara Micro 6 and 7 ({@code SamplePortalIT}), beside
 * {@code pqws.war} on Payara Micro 6 ({@code SamplePortalBesidePqwsIT}), and on WildFly ({@code WildFlyIT}) first
 * beside it, then alone.
 */
final class SamplePortal {

    static final String CONTEXT = "portal";
    private static final Duration WAIT = Users.WAIT;
    /** The library's default text limit (pqws.limits.max-text-bytes), which the tests' settings keep. */
    private static final int MAX_TEXT = 65_536;

    private final int httpsPort;

    SamplePortal(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    /** The WAR exactly as the build made it. */
    static WebArchive builtWar() {
        return ShrinkWrap.create(ZipImporter.class, CONTEXT + ".war").importFrom(war().toFile())
                .as(WebArchive.class);
    }

    static Path war() {
        return Path.of(System.getProperty("pqws.sample.portal.war"));
    }

    URI wss(String path) {
        return URI.create("wss://localhost:" + httpsPort + "/" + CONTEXT + "/" + path);
    }

    URI https(String path) {
        return URI.create("https://localhost:" + httpsPort + "/" + CONTEXT + "/" + path);
    }

    /** The desk's welcome names the group of the session's own handshake: hybrid when offered, x25519 when not. */
    void deskReportsEachSessionsGroup() throws Exception {
        try (WssConnection hybrid = new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(wss("desk"), WAIT)) {
            JsonObject welcome = Users.nextOfType(hybrid, "welcome");
            assertEquals("X25519MLKEM768", welcome.getString("namedGroup"));
            assertTrue(welcome.getBoolean("quantumSafe"));
            assertEquals("X25519MLKEM768", hybrid.handshake().namedGroup(), "client and server agree");
        }
        try (WssConnection classic = new WssClient(PqwsServer.client(TlsProfile.CLASSIC))
                .connect(wss("desk"), WAIT)) {
            JsonObject welcome = Users.nextOfType(classic, "welcome");
            assertEquals("x25519", welcome.getString("namedGroup"));
            assertFalse(welcome.getBoolean("quantumSafe"));
        }
    }

    /** The library's origin gate: a foreign page gets 403 at the handshake, a listed one gets in. */
    void deskRefusesAForeignOrigin() throws Exception {
        WssClient client = new WssClient(PqwsServer.client(TlsProfile.HYBRID));
        WssClientException refused = assertThrows(WssClientException.class, () -> client.connect(wss("desk"), WAIT,
                HandshakeOptions.none().withOrigin("https://evil.example")).close());
        assertTrue(refused.getMessage().contains("HTTP 403"), refused.getMessage());
        try (WssConnection listed = client.connect(wss("desk"), WAIT,
                HandshakeOptions.none().withOrigin("https://portal.example.com"))) {
            assertEquals("welcome", Users.next(listed).getString("type"), "positive control: a listed origin");
        }
    }

    /**
     * The library's limits: a text message at the limit is the portal's to answer, one byte over it closes the session
     * with 1009. The close is read on the wire by a bare socket: Undertow (WildFly) closes the connection right after
     * its close frame, and a client library may then report 1006 although the frame arrived.
     */
    void deskClosesAnOversizedMessageWith1009() throws Exception {
        try (WssConnection desk = new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(wss("desk"), WAIT)) {
            Users.nextOfType(desk, "welcome");
            desk.sendText("x".repeat(MAX_TEXT));
            assertEquals("\"body\" must be at most 4000 characters",
                    Users.nextOfType(desk, "refused").getString("reason"),
                    "positive control: the library admits a message at its limit, the portal's board refuses it");
        }
        try (RawWebSocket raw = RawWebSocket.open("alice", wss("desk"))) {
            raw.sendText("x".repeat(MAX_TEXT + 1));
            RawWebSocket.Drained end = raw.drainUntilClose();
            assertTrue(end.closeFrame(), "a close frame, not a dropped connection: " + end);
            assertEquals(1009, end.closeCode(), end.toString());
        }
    }

    /** The portal's own bean fires the library's notification event; a signed-in user on /alerts receives it. */
    void shiftBoardNotifiesTheStaff() throws Exception {
        try (WssConnection alice = new WssClient(Users.withCertificate("alice")).connect(wss("alerts"), WAIT);
                WssConnection desk = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                        .connect(wss("desk"), WAIT)) {
            Users.nextOfType(desk, "welcome");
            desk.sendText("the late shift starts at five");
            Users.nextOfType(desk, "announced");
            JsonObject notification = Users.nextOfType(alice, "notification");
            assertEquals("Shift desk", notification.getString("title"));
            assertEquals("the late shift starts at five", notification.getString("body"));
        }
    }

    /** The portal's own {@code /rest/metrics} (its REST path, not pqws's /api) count its endpoint and only its. */
    PrometheusScrape metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = Users.https(null).send(HttpRequest.newBuilder(https("rest/metrics"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return PrometheusScrape.parse(response.body());
    }

    /** After {@link #deskReportsEachSessionsGroup}: the desk's sessions are counted, by group. */
    void metricsCountTheDeskOnly() throws Exception {
        deskReportsEachSessionsGroup();
        PrometheusScrape scrape = metrics();
        assertTrue(scrape.sum("pqws_websocket_sessions_opened_total", "endpoint", "/desk",
                "group", "X25519MLKEM768") >= 1, "the desk's hybrid session is counted");
        assertTrue(scrape.sum("pqws_websocket_sessions_opened_total", "endpoint", "/desk", "group", "x25519") >= 1,
                "the desk's classic session is counted");
        assertEquals(0, scrape.sum("pqws_websocket_sessions_opened_total", "endpoint", "/echo"),
                "pqws.war's endpoints are not the portal's");
    }
}
