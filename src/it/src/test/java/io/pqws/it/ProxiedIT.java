package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import io.pqws.metrics.OperatorAccess;
import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;
import io.pqws.testsupport.PrometheusScrape;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * pqws behind the project's nginx recipe ({@code server-config/nginx/pqws.conf}, nginx 1.26 on OpenSSL 3.5): nginx
 * terminates TLS and negotiates the group, Payara Micro serves plain HTTP to it and believes it, and nobody else:
 * nginx connects from 127.0.0.3 ({@code proxy_bind}), the address every test container trusts
 * ({@code pqws.proxy.trusted} in {@code pqws-it.properties}), so that the other tests, connecting from 127.0.0.1, are
 * not taken for the proxy.
 *
 * <p>What a user sees through the proxy is the group of their own hop to nginx, labelled as proxy-reported: Chromium
 * gets "quantum-safe", OpenSSL 3.5 offering only x25519 gets "not quantum-safe". The same headers sent straight to the
 * container from an address that is not the proxy's change nothing, and a visitor who comes through the proxy from
 * another address is still refused the operator pages, although the proxy itself connects from loopback. A "remote"
 * visitor on one machine is a client of this host's own non-loopback address: the kernel then uses that address as
 * the connection's source.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProxiedIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern STATUS = Pattern.compile("(?m)^HTTP/1\\.1 (\\d{3}) ");

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    private NginxProxy nginx() throws Exception {
        return NginxProxy.start(Path.of(System.getProperty("pqws.basedir")), PqwsServer.certsDir(), base.getPort());
    }

    @Test
    void chromiumThroughTheProxyIsToldItsConnectionIsQuantumSafeAsTheProxyReportedIt() throws Exception {
        try (NginxProxy nginx = nginx();
                HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict verdict = PageVerdict.load(chromium, "https://localhost:" + nginx.port() + "/pqws/");
            assertEquals("safe", verdict.state(), verdict + "\n" + nginx.log());
            assertEquals("X25519MLKEM768", verdict.group());
            assertTrue(chromium.driver().findElement(By.id("reported-by")).getText().contains("proxy"));
        }
        PrometheusScrape metrics = new OperatorHttp(PqwsServer.http(base, "")).metrics();
        assertTrue(metrics.sum("pqws_websocket_sessions_opened_total", "endpoint", "/tls", "group", "X25519MLKEM768",
                "tls_reported_by", "proxy") >= 1, "the page's session counted as proxy-reported and hybrid");
    }

    @Test
    void openSslOfferingOnlyX25519ThroughTheProxyIsNotQuantumSafeWhateverItClaims() throws Exception {
        try (NginxProxy nginx = nginx()) {
            OpenSslPeer.Result classic = viaProxy(nginx, "x25519", "127.0.0.1", "api/tls", "X-TLS-Group: 0x11ec\r\n");
            assertEquals("x25519", classic.group(), classic.output());
            JsonObject facts = json(classic);
            assertEquals("x25519", facts.getString("namedGroup"), "the forged X-TLS-Group did not pass nginx");
            assertFalse(facts.getBoolean("hybridPostQuantum"));
            assertTrue(facts.getBoolean("proxyReported"));
            assertEquals("TLSv1.3", facts.getString("protocol"));

            OpenSslPeer.Result hybrid = viaProxy(nginx, null, "127.0.0.1", "api/tls", "");
            assertEquals("X25519MLKEM768", hybrid.group(), "positive control: OpenSSL's default offer");
            assertEquals("X25519MLKEM768", json(hybrid).getString("namedGroup"));
            assertTrue(json(hybrid).getBoolean("hybridPostQuantum"));
        }
    }

    /** The forger connects from 127.0.0.2: a loopback address, but not the trusted proxy's. */
    @Test
    void forgedHeadersSentStraightToTheContainerAreNotBelieved() throws Exception {
        String forged = "X-TLS-Group: 0x11ec\r\nX-TLS-Protocol: TLSv1.3\r\nX-TLS-Cipher: TLS_AES_256_GCM_SHA384\r\n";
        JsonObject facts = directJson("127.0.0.2", forged);
        assertFalse(facts.getBoolean("secure"), facts.toString());
        assertFalse(facts.getBoolean("hybridPostQuantum"));
        assertFalse(facts.getBoolean("proxyReported"));

        JsonObject believed = directJson(NginxProxy.TRUSTED_ADDRESS, forged);
        assertTrue(believed.getBoolean("proxyReported"), "positive control: the trusted address is believed");
        assertEquals("X25519MLKEM768", believed.getString("namedGroup"));
    }

    @Test
    void aVisitorFromAnotherAddressIsRefusedTheOperatorPagesThroughTheProxy() throws Exception {
        String remote = nonLoopbackAddress().getHostAddress();
        try (NginxProxy nginx = nginx()) {
            for (String page : new String[] {"api/metrics", "api/status", "status.html"}) {
                OpenSslPeer.Result visitor = viaProxy(nginx, null, remote, page, "");
                assertEquals("403", status(visitor), page + " to " + remote + " via nginx:\n" + visitor.output());
                assertTrue(visitor.output().contains(OperatorAccess.REFUSAL), "the container's own refusal");
                OpenSslPeer.Result operator = viaProxy(nginx, null, "127.0.0.1", page, "");
                assertEquals("200", status(operator), "positive control: " + page + " to loopback via nginx:\n"
                        + operator.output());
            }
        }
    }

    private static OpenSslPeer.Result viaProxy(NginxProxy nginx, String groups, String from, String path,
            String extraHeaders) throws Exception {
        OpenSslPeer.Request request = OpenSslPeer.Request.to(nginx.port()).host(from)
                .trusting(PqwsServer.caCertificate()).timeout(WAIT)
                .sending("GET /" + PqwsServer.CONTEXT + "/" + path + " HTTP/1.1\r\nHost: localhost:" + nginx.port()
                        + "\r\n" + extraHeaders + "Connection: close\r\n\r\n");
        return OpenSslPeer.installed().connect(groups == null ? request : request.groups(groups));
    }

    private static String status(OpenSslPeer.Result result) {
        Matcher status = STATUS.matcher(result.output());
        return status.find() ? status.group(1) : "(no HTTP status in the output)";
    }

    private static JsonObject json(OpenSslPeer.Result result) {
        String output = result.output();
        int start = output.indexOf("{\"");
        int end = output.lastIndexOf('}');
        if (!"200".equals(status(result)) || start < 0 || end < start) {
            throw new AssertionError("no JSON answer through the proxy:\n" + output);
        }
        return Json.createReader(new StringReader(output.substring(start, end + 1))).readObject();
    }

    /** {@code GET /pqws/api/tls} over plain HTTP straight to the container, from the given local address. */
    private JsonObject directJson(String from, String headers) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), (int) WAIT.toMillis());
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("GET /" + PqwsServer.CONTEXT + "/api/tls HTTP/1.1\r\nHost: localhost:"
                    + base.getPort() + "\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int start = response.indexOf("{\"");
            int end = response.lastIndexOf('}');
            if (!response.startsWith("HTTP/1.1 200 ") || start < 0 || end < start) {
                throw new AssertionError("no JSON answer from the container to " + from + ":\n" + response);
            }
            return Json.createReader(new StringReader(response.substring(start, end + 1))).readObject();
        }
    }

    /** This host's first IPv4 address that is not loopback: a client connecting to it comes from it. */
    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address;
                    }
                }
            }
        }
        throw new IllegalStateException("this host has no non-loopback IPv4 address, which ProxiedIT needs to act "
                + "as a visitor from another address");
    }
}
