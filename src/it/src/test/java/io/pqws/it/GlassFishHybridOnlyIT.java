package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.OpenSslPeer;
import io.pqws.testsupport.PrometheusScrape;

/**
 * {@code hybrid-only} on a GlassFish 7 domain, configured by the same {@code configure-pq.sh} as {@link GlassFishIT}
 * with {@code --profile hybrid-only}: the PQWS ClientHello guard works behind Grizzly's listener too, so a classic-only
 * client is refused in the handshake, and counted, while a hybrid one is served; {@code restore.sh} gives domain.xml
 * and the key stores back from this profile as well.
 */
class GlassFishHybridOnlyIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static AsadminDomain server;
    private static GlassFishDomainState unconfigured;

    /** The unconfigured domain deploys and undeploys the WAR once first: see {@link GlassFishDomainState#of}. */
    @BeforeAll
    static void createConfigureAndDeploy() throws Exception {
        assertEquals("hybrid-only", PqwsServer.profile());
        server = AsadminDomain.glassFish();
        server.deployBuiltWar();
        server.undeploy();
        unconfigured = GlassFishDomainState.of(server);
        server.configure();
        assertTrue(GlassFishDomainState.of(server).configuredForPqws(),
                "control: the comparison sees what configure-pq.sh changed");
        server.deployBuiltWar();
    }

    /** Restores, stops the domain (which may write domain.xml once more) and compares what is on disk then. */
    @AfterAll
    static void restoreAndRemove() throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.undeployAndRestore();
            server.stop();
            unconfigured.assertGivenBackIn(server);
        } finally {
            server.stopAndDelete();
        }
    }

    @Test
    void theDomainRunsTheHybridOnlyProfile() throws Exception {
        assertEquals("hybrid-only", new OperatorHttp(server.http("")).status().getString("profile"));
    }

    @Test
    void aHybridClientIsServedWithX25519MLKEM768AndToldSo() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertTrue(tls.hybrid());
            assertEquals("TLSv1.3", tls.protocol());
        }
    }

    /** As {@link HybridOnlyProfileIT}: the hybrid client after the refused one is the positive control. */
    @Test
    void aClassicOnlyClientIsRefusedWithAHandshakeFailureAndCounted() throws Exception {
        OperatorHttp operator = new OperatorHttp(server.http(""));
        PrometheusScrape before = operator.metrics();

        WssClientException refused = assertThrows(WssClientException.class,
                () -> new WssClient(PqwsServer.client(TlsProfile.CLASSIC)).connect(server.wss("echo"), WAIT).close());
        assertEquals(WssClientException.Kind.TLS, refused.kind(), refused.getMessage());
        assertTrue(refused.getMessage().contains("handshake_failure"), refused.getMessage());
        new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(server.wss("echo"), WAIT).close();

        PrometheusScrape after = operator.metricsWhen(m -> MetricsIT.delta(before, m, "pqws_websocket_closes_total",
                "endpoint", "/echo") == 1);
        assertEquals(1, MetricsIT.delta(before, after, "pqws_tls_handshake_failures_total", "reason",
                "no_hybrid_group"), "the classic client, refused by the hybrid-only policy");
        assertEquals(1, MetricsIT.delta(before, after, "pqws_tls_handshake_failures_total"),
                "the hybrid client's handshake did not fail");
        assertEquals(1, MetricsIT.delta(before, after, "pqws_websocket_sessions_opened_total", "endpoint", "/echo",
                "group", "X25519MLKEM768"));
        assertEquals(0, MetricsIT.delta(before, after, "pqws_websocket_sessions_opened_total", "hybrid", "false"));
    }

    @Test
    void openSsl35IsServedWithTheHybridGroupAndRefusedWithX25519() throws Exception {
        OpenSslPeer openssl = OpenSslPeer.installed();
        OpenSslPeer.Result hybrid = openssl.connect(OpenSslPeer.Request.to(server.httpsPort())
                .groups("X25519MLKEM768").trusting(PqwsServer.caCertificate()));
        assertTrue(hybrid.handshakeCompleted(), hybrid.toString());
        assertEquals("X25519MLKEM768", hybrid.group(), hybrid.toString());

        OpenSslPeer.Result classic = openssl.connect(OpenSslPeer.Request.to(server.httpsPort())
                .groups("x25519").trusting(PqwsServer.caCertificate()));
        assertFalse(classic.handshakeCompleted(), classic.toString());
        assertTrue(classic.output().contains("handshake failure"), classic.output());
    }
}
