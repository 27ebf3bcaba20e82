package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.testsupport.OpenSslPeer;
import io.pqws.testsupport.PrometheusScrape;

/**
 * What every container under the {@code hybrid-only} profile must show, whoever configured it (Payara Micro,
 * WildFly, GlassFish, Open Liberty): OpenSSL 3.5 offering the hybrid group is served it and offering only classic
 * groups is refused in the handshake; our classic client is refused, our hybrid client right after it is served (the
 * positive control), and the PQWS provider counts exactly that one refusal, by its reason.
 */
final class HybridOnlyChecks {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private HybridOnlyChecks() {
    }

    /** @param classicGroups the groups of the refused offer in OpenSSL's syntax, e.g. {@code x25519} */
    static void openSslIsServedTheHybridGroupAndRefusedWithClassicGroups(int httpsPort, String classicGroups)
            throws Exception {
        OpenSslPeer openssl = OpenSslPeer.installed();
        OpenSslPeer.Result hybrid = openssl.connect(OpenSslPeer.Request.to(httpsPort)
                .groups("X25519MLKEM768").trusting(PqwsServer.caCertificate()));
        assertTrue(hybrid.handshakeCompleted(), hybrid.toString());
        assertEquals("X25519MLKEM768", hybrid.group(), hybrid.toString());

        OpenSslPeer.Result classic = openssl.connect(OpenSslPeer.Request.to(httpsPort)
                .groups(classicGroups).trusting(PqwsServer.caCertificate()));
        assertFalse(classic.handshakeCompleted(), classic.toString());
        assertTrue(classic.output().contains("handshake failure"), classic.output());
    }

    /**
     * @param operator the server's operator pages, over plain HTTP: the JDK's HTTP client offers no hybrid group, so
     *                 over TLS its own refusal would land in the count being measured
     * @param echo     the server's {@code wss://.../pqws/echo}
     */
    static void aRefusedClassicClientIsCountedByReason(OperatorHttp operator, URI echo) throws Exception {
        PrometheusScrape before = operator.metrics();

        WssClientException refused = assertThrows(WssClientException.class,
                () -> new WssClient(PqwsServer.client(TlsProfile.CLASSIC)).connect(echo, WAIT).close());
        assertEquals(WssClientException.Kind.TLS, refused.kind(), refused.getMessage());
        assertTrue(refused.getMessage().contains("handshake_failure"), refused.getMessage());
        new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(echo, WAIT).close();

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
}
