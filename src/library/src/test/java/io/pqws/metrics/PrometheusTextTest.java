package io.pqws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pqws.testsupport.PrometheusScrape;

/** The exposition format: exact text for a known snapshot, strict validity, escaping, and what is left out. */
class PrometheusTextTest {

    private static final SessionLabels HYBRID = new SessionLabels("X25519MLKEM768", "TLSv1.3",
            "TLS_AES_256_GCM_SHA384", true, SessionLabels.SERVER);
    private static final SessionLabels CLASSIC = new SessionLabels("x25519", "TLSv1.3", "TLS_AES_256_GCM_SHA384",
            false, SessionLabels.PROXY);

    private static final ServerHandshakeLabels HYBRID_HANDSHAKE = ServerHandshakeLabels.parse(
            "outcome=completed,protocol=TLSv1.3,group=X25519MLKEM768,hybrid_offered=true,hybrid_key_share=true,"
                    + "hello_retry=false");
    private static final ServerHandshakeLabels CLASSIC_HANDSHAKE = ServerHandshakeLabels.parse(
            "outcome=completed,protocol=TLSv1.3,group=x25519,hybrid_offered=false,hybrid_key_share=false,"
                    + "hello_retry=false");

    private static MetricsSnapshot snapshot(boolean messages, boolean failures) {
        EndpointSnapshot echo = new EndpointSnapshot("/echo", Map.of(HYBRID, 3L, CLASSIC, 1L), 1,
                Map.of(1000, 2L, 4001, 1L), 0, 7, 8);
        return new MetricsSnapshot("hybrid", Map.of(HYBRID, 3L, CLASSIC, 1L), Map.of("/echo", echo), messages,
                failures ? Map.of("no_hybrid_group", 2L) : Map.of(), failures,
                failures ? Map.of(HYBRID_HANDSHAKE, 5L, CLASSIC_HANDSHAKE, 2L) : Map.of(), failures,
                failures ? new ProviderCounters.Clients(true, List.of(
                        new ProviderCounters.ClientRow("t13d1516h2_aaa_bbb", 5, 0, "TLSv1.3", Instant.EPOCH, ""),
                        new ProviderCounters.ClientRow("t13i0206h1_ccc_ddd", 2, 2, "TLSv1.3,TLSv1.2", Instant.EPOCH,
                                "Java-http-client/17")), 3) : ProviderCounters.Clients.NOT_AVAILABLE,
                List.of(new RecentSession(1, Instant.EPOCH, "/echo", HYBRID)));
    }

    @Test
    void rendersTheKnownSnapshotExactly() {
        String text = PrometheusText.render(snapshot(true, true));
        assertTrue(text.contains("pqws_info{profile=\"hybrid\"} 1\n"), text);
        assertTrue(text.contains("pqws_websocket_sessions_opened_total{endpoint=\"/echo\",group=\"X25519MLKEM768\","
                + "protocol=\"TLSv1.3\",cipher_suite=\"TLS_AES_256_GCM_SHA384\",hybrid=\"true\","
                + "tls_reported_by=\"server\"} 3\n"), text);
        assertTrue(text.contains("pqws_websocket_sessions_opened_total{endpoint=\"/echo\",group=\"x25519\","
                + "protocol=\"TLSv1.3\",cipher_suite=\"TLS_AES_256_GCM_SHA384\",hybrid=\"false\","
                + "tls_reported_by=\"proxy\"} 1\n"), text);
        assertTrue(text.contains("pqws_websocket_sessions_hybrid_ratio{endpoint=\"/echo\"} 0.75\n"), text);
        assertTrue(text.contains("pqws_websocket_closes_total{endpoint=\"/echo\",code=\"4001\"} 1\n"), text);
        assertTrue(text.contains("pqws_websocket_messages_sent_total{endpoint=\"/echo\"} 8\n"), text);
        assertTrue(text.contains("pqws_tls_handshake_failures_total{reason=\"no_hybrid_group\"} 2\n"), text);
        assertTrue(text.contains("pqws_tls_server_handshakes_total{outcome=\"completed\",protocol=\"TLSv1.3\","
                + "group=\"x25519\",hybrid_offered=\"false\",hybrid_key_share=\"false\",hello_retry=\"false\"} 2\n"),
                text);
        assertTrue(text.contains("pqws_tls_client_handshakes_without_hybrid_total{ja4=\"t13i0206h1_ccc_ddd\"} 2\n"),
                text);
        assertFalse(text.contains("t13d1516h2_aaa_bbb"), "a client that always offered a hybrid group: " + text);
        assertTrue(text.contains("pqws_tls_client_fingerprints_overflow_total 3\n"), text);
        assertTrue(text.contains("# TYPE pqws_websocket_sessions_active gauge\n"), text);
    }

    @Test
    void isValidExpositionFormatWithCountersTypedAsSuch() {
        PrometheusScrape scrape = PrometheusScrape.parse(PrometheusText.render(snapshot(true, true)));
        for (PrometheusScrape.Sample sample : scrape.samples()) {
            assertEquals(sample.name().endsWith("_total") ? "counter" : "gauge", scrape.type(sample.name()),
                    sample.name());
        }
        assertEquals(4, scrape.sum("pqws_websocket_sessions_opened_total", "endpoint", "/echo"));
    }

    @Test
    void leavesOutWhatThisContainerDoesNotCount() {
        String text = PrometheusText.render(snapshot(false, false));
        assertFalse(text.contains("pqws_websocket_messages_"), text);
        assertFalse(text.contains("pqws_tls_handshake_failures_total"), text);
        assertFalse(text.contains("pqws_tls_server_handshakes_total"), text);
        assertFalse(text.contains("pqws_tls_client_"), text);
        PrometheusScrape.parse(text);
    }

    @Test
    void escapesLabelValues() {
        assertEquals("a\\\\b\\\"c\\nd", PrometheusText.escapeLabel("a\\b\"c\nd"));
        EndpointSnapshot odd = new EndpointSnapshot("/chat/{room}\"x", Map.of(), 0, Map.of(), 0, 0, 0);
        String text = PrometheusText.render(new MetricsSnapshot("hybrid", Map.of(), Map.of(odd.endpoint(), odd),
                false, Map.of(), false, Map.of(), false, ProviderCounters.Clients.NOT_AVAILABLE, List.of()));
        PrometheusScrape scrape = PrometheusScrape.parse(text);
        assertEquals("/chat/{room}\"x", scrape.samples().stream()
                .filter(s -> s.name().equals("pqws_websocket_sessions_active")).findFirst().orElseThrow()
                .labels().get("endpoint"));
    }

    @Test
    void formatsNumbersAsTheFormatExpects() {
        assertEquals("3", PrometheusText.format(3));
        assertEquals("0.75", PrometheusText.format(0.75));
        assertEquals("0", PrometheusText.format(0));
    }
}
