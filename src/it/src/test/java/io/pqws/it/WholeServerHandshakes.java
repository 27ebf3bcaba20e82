package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.WebSocket;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.pqws.client.PqwsClient;
import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;
import io.pqws.testsupport.PrometheusScrape;
import jakarta.json.JsonObject;
import picocli.CommandLine;

/**
 * What a server under a PQ profile must show of <em>every</em> TLS handshake, whichever application the connection
 * then serves: the PQWS provider counts it, and pqws.war's {@code /api/metrics} renders the count with the group the
 * client got and whether it offered a hybrid group ({@code pqws_tls_server_handshakes_total}). The clients are
 * independent of each other and of pqws: the JDK's HTTP client, OpenSSL 3.5 with its default groups and with
 * {@code -groups x25519}, headless Chromium, and our client, and every one of them talks to the <em>other</em>
 * application deployed beside pqws.war (the sample portal), never to pqws.
 *
 * <p>Each step is measured alone: one scrape before, one after, on a single kept-alive connection of the JDK client
 * (so the scrapes add no handshake of their own), and the difference must be exactly the step's handshakes.
 */
final class WholeServerHandshakes {

    private static final String FAMILY = "pqws_tls_server_handshakes_total";
    private static final Map<String, String> CLASSIC_CLIENT = Map.of("outcome", "completed", "protocol", "TLSv1.3",
            "group", "x25519", "hybrid_offered", "false", "hybrid_key_share", "false", "hello_retry", "false");
    private static final Map<String, String> HYBRID_CLIENT = Map.of("outcome", "completed", "protocol", "TLSv1.3",
            "group", "X25519MLKEM768", "hybrid_offered", "true", "hybrid_key_share", "true", "hello_retry", "false");

    private final URI pqwsBase;
    private final OperatorHttp pqws;
    private final int httpsPort;
    private final SamplePortal portal;

    /** @param pqwsBase pqws.war on the server, over HTTPS, e.g. {@code https://localhost:PORT/pqws/} */
    WholeServerHandshakes(URI pqwsBase) throws GeneralSecurityException {
        this.pqwsBase = pqwsBase;
        this.pqws = new OperatorHttp(pqwsBase);
        this.httpsPort = pqwsBase.getPort();
        this.portal = new SamplePortal(httpsPort);
    }

    /** The JDK's client offers no hybrid group: counted as a classic handshake that hybrid-only would refuse. */
    void theJdkClientsRequestToTheOtherApplicationIsCounted() throws Exception {
        Map<Map<String, String>, Double> before = counts();
        OperatorHttp jdk = new OperatorHttp(portal.https(""));
        assertEquals(200, jdk.get("index.html").statusCode(), "the portal's page");
        assertEquals(Map.of(CLASSIC_CLIENT, 1.0), delta(before, counts()));
    }

    /** OpenSSL 3.5 by default offers and shares X25519MLKEM768; with {@code -groups x25519} it is a classic client. */
    void openSslHandshakesAreCountedWithWhatTheyOffered() throws Exception {
        Map<Map<String, String>, Double> before = counts();
        OpenSslPeer.Result hybrid = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(httpsPort));
        assertTrue(hybrid.handshakeCompleted(), hybrid.toString());
        assertEquals("X25519MLKEM768", hybrid.group(), hybrid.toString());
        assertEquals(Map.of(HYBRID_CLIENT, 1.0), delta(before, counts()));

        before = counts();
        OpenSslPeer.Result classic = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(httpsPort)
                .groups("x25519"));
        assertTrue(classic.handshakeCompleted(), classic.toString());
        assertEquals(Map.of(CLASSIC_CLIENT, 1.0), delta(before, counts()));
    }

    /**
     * Under the classic profile: OpenSSL 3.5 offers and shares the hybrid group, gets x25519, and is counted as a
     * client that offered one (so a trial learns who is ready before serving a hybrid group); offering the hybrid group
     * alone, it finds no common group, and the failure is counted with its alert and the offer.
     */
    void underClassicTheHybridOfferIsCountedThoughX25519IsServed() throws Exception {
        Map<Map<String, String>, Double> before = counts();
        OpenSslPeer.Result served = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(httpsPort));
        assertTrue(served.handshakeCompleted(), served.toString());
        assertEquals(Map.of(Map.of("outcome", "completed", "protocol", "TLSv1.3", "group", "x25519",
                "hybrid_offered", "true", "hybrid_key_share", "true", "hello_retry", "false"), 1.0),
                delta(before, counts()));

        before = counts();
        OpenSslPeer.Result refused = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(httpsPort)
                .groups("X25519MLKEM768"));
        assertFalse(refused.handshakeCompleted(), refused.toString());
        Map<Map<String, String>, Double> added = delta(before, counts());
        assertEquals(1, added.size(), added.toString());
        Map<String, String> failure = added.keySet().iterator().next();
        assertTrue(failure.get("outcome").startsWith("sent_"), added.toString());
        assertEquals("true", failure.get("hybrid_offered"), added.toString());
    }

    /**
     * The JDK's own WebSocket client offers no hybrid group: the server lists its fingerprint among the clients the
     * hybrid-only profile would refuse, with the User-Agent of its upgrade request to the other application.
     */
    void theJdkWebSocketClientIsListedWithItsUserAgent() throws Exception {
        theJdkWebSocketClientIsListedWithItsUserAgent(portal.wss("desk"));
    }

    /** As {@link #theJdkWebSocketClientIsListedWithItsUserAgent()}, upgrading at {@code target}. */
    void theJdkWebSocketClientIsListedWithItsUserAgent(URI target) throws Exception {
        WebSocket socket = Users.https(null).newWebSocketBuilder().connectTimeout(Users.WAIT)
                .buildAsync(target, new WebSocket.Listener() { })
                .get(Users.WAIT.toSeconds(), TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(Users.WAIT.toSeconds(), TimeUnit.SECONDS);

        JsonObject clients = pqws.status().getJsonObject("clients");
        List<JsonObject> jdkClients = clients.getJsonArray("wouldBeRefused").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("userAgent").startsWith("Java-http-client/")).toList();
        assertEquals(1, jdkClients.size(), clients.toString());
        assertTrue(jdkClients.get(0).getString("fingerprint")
                .matches("t13[di]\\d{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}"), clients.toString());
        assertTrue(jdkClients.get(0).getJsonNumber("handshakes").longValue() >= 1, clients.toString());
    }

    /**
     * {@code pqws-client readiness}, the same report for scripts: after
     * {@link #theJdkWebSocketClientIsListedWithItsUserAgent} it lists the JDK's client and, with
     * {@code --require-ready}, exits 3.
     */
    void theReadinessCommandNamesTheClientsHybridOnlyWouldRefuse() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new PqwsClient(InputStream.nullInputStream(), false))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("readiness", "--require-ready", "--truststore",
                        PqwsServer.certsDir().resolve("truststore.p12").toString(), pqwsBase.toString());
        System.out.println("pqws-client readiness printed:\n" + out); // in the build log, as an operator sees it
        assertEquals(PqwsClient.POLICY_FAILED, exit, out + "\n" + err);
        assertTrue(out.toString().contains("hybrid-only would refuse (fingerprint"), out.toString());
        assertTrue(out.toString().contains("Java-http-client/"), out.toString());
        assertTrue(err.toString().contains("the hybrid-only profile would refuse those clients"), err.toString());
    }

    /**
     * Under the observe profile (the JDK's SunJSSE, only watched): OpenSSL 3.5 offers and shares X25519MLKEM768 but
     * gets x25519, and is counted as a client that offered a hybrid group; with {@code -groups x25519} it is counted
     * as one that did not, and the fingerprint table adds one handshake to the clients hybrid-only would refuse.
     */
    void underObserveOpenSslIsServedClassicAndCountedWithItsOffer() throws Exception {
        Map<Map<String, String>, Double> before = counts();
        OpenSslPeer.Result served = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(httpsPort));
        assertTrue(served.handshakeCompleted(), served.toString());
        assertTrue("x25519".equalsIgnoreCase(served.group()), served.toString());
        assertEquals(Map.of(Map.of("outcome", "completed", "protocol", "TLSv1.3", "group", "x25519",
                "hybrid_offered", "true", "hybrid_key_share", "true", "hello_retry", "false"), 1.0),
                delta(before, counts()));

        before = counts();
        long refusedBefore = wouldBeRefusedHandshakes();
        OpenSslPeer.Result classic = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(httpsPort)
                .groups("x25519"));
        assertTrue(classic.handshakeCompleted(), classic.toString());
        assertTrue("x25519".equalsIgnoreCase(classic.group()), classic.toString());
        assertEquals(Map.of(CLASSIC_CLIENT, 1.0), delta(before, counts()));
        assertEquals(refusedBefore + 1, wouldBeRefusedHandshakes(), "the x25519-only client would be refused");
    }

    /**
     * Under the observe profile: Chromium offers and shares X25519MLKEM768 on every connection of a page load of
     * pqws's page, the JDK serves x25519 on each, and none of them joins the clients hybrid-only would refuse.
     */
    void underObserveChromiumOffersHybridOnEveryConnection() throws Exception {
        Map<Map<String, String>, Double> before = counts();
        long refusedBefore = wouldBeRefusedHandshakes();
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, pqwsBase.toString());
            assertEquals("classic", page.state(), page.toString());
            assertEquals("x25519", page.group(), "the page reads the group SunJSSE chose: " + page);
        }
        Map<String, String> offeredHybrid = Map.of("outcome", "completed", "protocol", "TLSv1.3", "group", "x25519",
                "hybrid_offered", "true", "hybrid_key_share", "true", "hello_retry", "false");
        Map<Map<String, String>, Double> added = delta(before, counts());
        assertEquals(Set.of(offeredHybrid), added.keySet(), added.toString());
        assertEquals(refusedBefore, wouldBeRefusedHandshakes(), "Chromium would not be refused");
        assertTrue(pqws.status().getJsonObject("clients").getJsonArray("wouldBeRefused").getValuesAs(JsonObject.class)
                .stream().noneMatch(c -> c.getString("userAgent").contains("Chrome")), "no Chrome among them");
    }

    /** The handshakes of every listed client that hybrid-only would refuse, from pqws's status. */
    private long wouldBeRefusedHandshakes() throws Exception {
        return pqws.status().getJsonObject("clients").getJsonArray("wouldBeRefused").getValuesAs(JsonObject.class)
                .stream().mapToLong(c -> c.getJsonNumber("handshakes").longValue()).sum();
    }

    /** Chromium's page load of the other application: every connection it made offered and got the hybrid group. */
    void chromiumsConnectionsToTheOtherApplicationAreCounted() throws Exception {
        Map<Map<String, String>, Double> before = counts();
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            chromium.driver().get(portal.https("index.html").toString());
        }
        Map<Map<String, String>, Double> added = delta(before, counts());
        assertEquals(Set.of(HYBRID_CLIENT), added.keySet(), added.toString());
        assertTrue(added.get(HYBRID_CLIENT) >= 1, added.toString());
    }

    /**
     * The group the provider counts for a session's handshake is the group the session reports (the desk's welcome)
     * and the group the client's own Bouncy Castle negotiated: a Bouncy Castle upgrade that changed how the server
     * picks the group fails here. (The session's report is the provider's own where the PQWS provider named it in the
     * session, so the client's side is the independent one.)
     */
    void theCountedGroupIsTheGroupTheSessionReports() throws Exception {
        for (TlsProfile profile : new TlsProfile[] {TlsProfile.HYBRID, TlsProfile.CLASSIC}) {
            Map<Map<String, String>, Double> before = counts();
            String reported;
            String negotiated;
            try (WssConnection desk = new WssClient(PqwsServer.client(profile)).connect(portal.wss("desk"),
                    Users.WAIT)) {
                JsonObject welcome = Users.nextOfType(desk, "welcome");
                reported = welcome.getString("namedGroup");
                negotiated = desk.handshake().namedGroup();
            }
            assertEquals(negotiated, reported, "the client's group and the session's report");
            Map<Map<String, String>, Double> added = delta(before, counts());
            assertEquals(1, added.size(), added.toString());
            Map<String, String> labels = added.keySet().iterator().next();
            assertEquals(reported, labels.get("group"), added.toString());
            assertEquals(profile == TlsProfile.HYBRID, Boolean.parseBoolean(labels.get("hybrid_offered")),
                    added.toString());
        }
    }

    private Map<Map<String, String>, Double> counts() throws Exception {
        PrometheusScrape scrape = pqws.metrics();
        assertTrue(scrape.has(FAMILY), "the PQWS provider reports every server handshake");
        Map<Map<String, String>, Double> counts = new HashMap<>();
        scrape.samples().stream().filter(s -> s.name().equals(FAMILY))
                .forEach(s -> counts.merge(s.labels(), s.value(), Double::sum));
        return counts;
    }

    private static Map<Map<String, String>, Double> delta(Map<Map<String, String>, Double> before,
            Map<Map<String, String>, Double> after) {
        Map<Map<String, String>, Double> delta = new HashMap<>();
        after.forEach((labels, count) -> {
            double added = count - before.getOrDefault(labels, 0.0);
            if (added != 0) {
                delta.put(labels, added);
            }
        });
        return delta;
    }
}
