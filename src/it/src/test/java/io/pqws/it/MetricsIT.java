package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;
import io.pqws.testsupport.PrometheusScrape;
import jakarta.json.JsonObject;

/**
 * Under the {@code hybrid} profile the module counts exactly the traffic a test makes: sessions per endpoint by the
 * group, protocol and cipher suite their own handshake negotiated, messages in and out (replies and server-initiated
 * messages), closes by close code, active sessions, upgrades; it serves them as valid Prometheus text to a loopback
 * client; and the status page shows the live post-quantum share in a real headless Chromium.
 *
 * <p>Counts are compared as differences between a scrape before and one after the test's traffic, so the tests do not
 * depend on each other's order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OPENED = "pqws_websocket_sessions_opened_total";
    private static final String HYBRID_GROUP = "X25519MLKEM768";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void countsExactlyTheTrafficOfKnownSessions() throws Exception {
        OperatorHttp operator = new OperatorHttp(PqwsServer.http(base, ""));
        PrometheusScrape before = operator.metrics();

        try (WssConnection hybrid = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.wss("echo"), WAIT)) {
            for (String text : List.of("one", "two", "three")) {
                hybrid.sendText(text);
                assertEquals(new WsMessage.Text(text), hybrid.nextMessage(WAIT));
            }
        }
        WssConnection classic = new WssClient(PqwsServer.client(TlsProfile.CLASSIC))
                .connect(PqwsServer.wss("echo"), WAIT);
        classic.sendText("text");
        classic.nextMessage(WAIT);
        classic.sendBinary("bytes".getBytes(StandardCharsets.UTF_8));
        classic.nextMessage(WAIT);
        classic.close(4001, "application says goodbye");
        try (WssConnection plain = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.ws(base, "echo"), WAIT)) {
            plain.sendText("plain");
            plain.nextMessage(WAIT);
        }
        try (WssConnection report = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.wss("tls"), WAIT)) {
            ServerTls.of(report); // the server's own first message
            report.sendText("echo me");
            report.nextMessage(WAIT);
        }

        PrometheusScrape after = operator.metricsWhen(m -> delta(before, m, "pqws_websocket_closes_total",
                "endpoint", "/echo") == 3 && delta(before, m, "pqws_websocket_closes_total", "endpoint", "/tls") == 1);

        assertEquals(1, delta(before, after, OPENED, "endpoint", "/echo", "group", HYBRID_GROUP,
                "protocol", "TLSv1.3", "hybrid", "true"));
        assertEquals(1, delta(before, after, OPENED, "endpoint", "/echo", "group", "x25519", "hybrid", "false"));
        assertEquals(1, delta(before, after, OPENED, "endpoint", "/echo", "group", "none", "protocol", "none",
                "cipher_suite", "none"));
        assertEquals(3, delta(before, after, OPENED, "endpoint", "/echo"));
        assertEquals(1, delta(before, after, OPENED, "endpoint", "/tls", "group", HYBRID_GROUP));

        assertEquals(6, delta(before, after, "pqws_websocket_messages_received_total", "endpoint", "/echo"));
        assertEquals(6, delta(before, after, "pqws_websocket_messages_sent_total", "endpoint", "/echo"));
        assertEquals(1, delta(before, after, "pqws_websocket_messages_received_total", "endpoint", "/tls"));
        assertEquals(2, delta(before, after, "pqws_websocket_messages_sent_total", "endpoint", "/tls"),
                "the TLS report the server sends on its own, and the echo");

        assertEquals(2, delta(before, after, "pqws_websocket_closes_total", "endpoint", "/echo", "code", "1000"));
        assertEquals(1, delta(before, after, "pqws_websocket_closes_total", "endpoint", "/echo", "code", "4001"));
        assertEquals(1, delta(before, after, "pqws_websocket_closes_total", "endpoint", "/tls", "code", "1000"));
        assertEquals(0, delta(before, after, "pqws_websocket_sessions_active", "endpoint", "/echo"));
        assertEquals(0, delta(before, after, "pqws_websocket_errors_total", "endpoint", "/echo"));

        assertEquals(2, delta(before, after, "pqws_websocket_upgrades_total", "group", HYBRID_GROUP));
        assertEquals(1, delta(before, after, "pqws_websocket_upgrades_total", "group", "x25519"));
        assertEquals(1, delta(before, after, "pqws_websocket_upgrades_total", "group", "none"));

        double echoHybrid = after.sum(OPENED, "endpoint", "/echo", "hybrid", "true");
        double echoAll = after.sum(OPENED, "endpoint", "/echo");
        assertEquals(echoHybrid / echoAll, after.sum("pqws_websocket_sessions_hybrid_ratio", "endpoint", "/echo"),
                1e-9);
    }

    @Test
    void anOpenSessionIsActiveUntilItCloses() throws Exception {
        OperatorHttp operator = new OperatorHttp(PqwsServer.http(base, ""));
        PrometheusScrape before = operator.metrics();
        WssConnection open = new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(PqwsServer.wss("echo"), WAIT);
        PrometheusScrape during = operator.metricsWhen(m -> delta(before, m, OPENED, "endpoint", "/echo") == 1);
        assertEquals(1, delta(before, during, "pqws_websocket_sessions_active", "endpoint", "/echo"));
        open.close();
        PrometheusScrape after = operator.metricsWhen(m -> delta(before, m, "pqws_websocket_closes_total",
                "endpoint", "/echo") == 1);
        assertEquals(0, delta(before, after, "pqws_websocket_sessions_active", "endpoint", "/echo"));
    }

    @Test
    void servesValidPrometheusTextToALoopbackClient() throws Exception {
        OperatorHttp operator = new OperatorHttp();
        HttpResponse<String> response = operator.get(PqwsServer.https("api/metrics"));
        assertEquals(200, response.statusCode(), response.body());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("text/plain") && contentType.contains("version=0.0.4"), contentType);
        PrometheusScrape scrape = PrometheusScrape.parse(response.body());
        assertEquals("hybrid", scrape.samples().stream().filter(s -> s.name().equals("pqws_info"))
                .findFirst().orElseThrow().labels().get("profile"));
        for (PrometheusScrape.Sample sample : scrape.samples()) {
            assertTrue(sample.name().startsWith("pqws_"), sample.name());
            String type = scrape.type(sample.name());
            assertEquals(sample.name().endsWith("_total") ? "counter" : "gauge", type, sample.name());
        }
        assertEquals("gauge", scrape.type("pqws_websocket_sessions_hybrid_ratio"));
        // Under the hybrid profile the PQWS provider guards no engine, so it reports no handshake failures: the family
        // is left out rather than shown as a misleading zero (HybridOnlyProfileIT sees it).
        assertFalse(scrape.has("pqws_tls_handshake_failures_total"), response.body());
    }

    @Test
    void theStatusPageShowsTheLivePostQuantumShare() throws Exception {
        OperatorHttp operator = new OperatorHttp(PqwsServer.http(base, ""));
        connectAndClose(TlsProfile.HYBRID);
        connectAndClose(TlsProfile.HYBRID);
        connectAndClose(TlsProfile.CLASSIC);
        JsonObject status = operator.status();
        long opened = status.getJsonObject("sessions").getJsonNumber("opened").longValue();
        long hybrid = status.getJsonObject("sessions").getJsonNumber("hybrid").longValue();

        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            WebDriver driver = chromium.driver();
            driver.get(PqwsServer.https("status.html").toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            wait.until(d -> d.findElement(By.id("sessions-opened")).getText().equals(Long.toString(opened)));
            assertEquals(Long.toString(hybrid), driver.findElement(By.id("sessions-hybrid")).getText());
            assertEquals(percent((double) hybrid / opened), driver.findElement(By.id("pq-share")).getText());
            assertEquals("hybrid", driver.findElement(By.id("profile")).getText());
            assertEquals(List.of("x25519", HYBRID_GROUP, HYBRID_GROUP), latestGroups(driver, 3),
                    "newest first: the classic session was the last one");

            // Live: a session opened while the page is shown appears without a reload.
            try (WssConnection another = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                    .connect(PqwsServer.wss("echo"), WAIT)) {
                wait.until(d -> d.findElement(By.id("sessions-opened")).getText().equals(Long.toString(opened + 1)));
                assertEquals(percent((double) (hybrid + 1) / (opened + 1)),
                        driver.findElement(By.id("pq-share")).getText());
                assertEquals(HYBRID_GROUP, latestGroups(driver, 1).get(0));
                assertTrue(another.isOpen());
            }
        }
    }

    @Test
    void theStatusPageShowsTheWholeServersHybridOnlyReadiness() throws Exception {
        OperatorHttp operator = new OperatorHttp(PqwsServer.http(base, ""));
        OpenSslPeer.Result classic = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(PqwsServer.httpsPort())
                .groups("x25519"));
        assertTrue(classic.handshakeCompleted(), classic.toString());

        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            WebDriver driver = chromium.driver();
            driver.get(PqwsServer.https("status.html").toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            // The page polls every 3 s; it agrees with the server's own JSON once both saw the same handshakes.
            wait.until(d -> {
                try {
                    JsonObject server = operator.status().getJsonObject("server");
                    return d.findElement(By.id("server-section")).isDisplayed()
                            && d.findElement(By.id("server-handshakes")).getText()
                                    .equals(server.getJsonNumber("handshakes").toString())
                            && d.findElement(By.id("server-without")).getText()
                                    .equals(server.getJsonNumber("withoutHybridOffer").toString())
                            && d.findElement(By.id("server-offered")).getText()
                                    .equals(percent(server.getJsonNumber("hybridOfferedRatio").doubleValue()));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonObject server = operator.status().getJsonObject("server");
            assertTrue(server.getJsonNumber("withoutHybridOffer").longValue() >= 1, "OpenSSL -groups x25519");
            assertTrue(server.getJsonObject("byGroup").getJsonNumber(HYBRID_GROUP).longValue() >= 1, "Chromium");
        }
    }

    private static void connectAndClose(TlsProfile profile) throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(profile)).connect(PqwsServer.wss("echo"), WAIT)) {
            connection.sendText("hi");
            connection.nextMessage(WAIT);
        }
    }

    private static List<String> latestGroups(WebDriver driver, int count) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#recent tr[data-group]"));
        return rows.stream().limit(count).map(r -> r.getAttribute("data-group")).toList();
    }

    /** The page's rounding: one decimal, then " %". */
    private static String percent(double ratio) {
        double rounded = Math.round(ratio * 1000) / 10.0;
        String text = rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
        return text + " %";
    }

    static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
