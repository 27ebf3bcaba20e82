package io.pqws.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link MetricsSnapshot} in the Prometheus text exposition format, version 0.0.4.
 *
 * <p>Why by hand: the format is a few lines of text, and a client library would be one more jar in a WAR that ships
 * none. Names follow the Prometheus conventions: one {@code pqws_} prefix, counters end in {@code _total}, the ratio in
 * {@code _ratio}, label names in snake case; every family has its {@code HELP} and {@code TYPE}, and label values are
 * escaped as the format demands. Families whose source is not available on this container (messages without Tyrus,
 * handshakes and their failures without the PQWS provider) are left out rather than shown as zero.
 */
public final class PrometheusText {

    /** The content type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(MetricsSnapshot snapshot) {
        StringBuilder out = new StringBuilder(4096);

        family(out, "pqws_info", "gauge", "The PQ profile of this server's JVM (none: the container's default TLS).");
        sample(out, "pqws_info", labels("profile", snapshot.profile()), 1);

        family(out, "pqws_websocket_upgrades_total", "counter",
                "WebSocket upgrade requests, by the TLS parameters their connection negotiated.");
        snapshot.upgrades().forEach((labels, count) -> sample(out, "pqws_websocket_upgrades_total", tls(labels), count));

        family(out, "pqws_websocket_sessions_opened_total", "counter",
                "WebSocket sessions opened, by endpoint and the TLS parameters their connection negotiated.");
        snapshot.endpoints().values().forEach(e -> e.opened().forEach((labels, count) -> {
            Map<String, String> all = labels("endpoint", e.endpoint());
            all.putAll(tls(labels));
            sample(out, "pqws_websocket_sessions_opened_total", all, count);
        }));

        family(out, "pqws_websocket_sessions_active", "gauge", "WebSocket sessions open now, by endpoint.");
        snapshot.endpoints().values().forEach(e ->
                sample(out, "pqws_websocket_sessions_active", labels("endpoint", e.endpoint()), e.active()));

        family(out, "pqws_websocket_sessions_hybrid_ratio", "gauge",
                "Share of the sessions opened on an endpoint whose key exchange was a hybrid post-quantum group (0-1).");
        snapshot.endpoints().values().forEach(e ->
                sample(out, "pqws_websocket_sessions_hybrid_ratio", labels("endpoint", e.endpoint()), e.hybridRatio()));

        family(out, "pqws_websocket_closes_total", "counter", "WebSocket sessions closed, by endpoint and close code.");
        snapshot.endpoints().values().forEach(e -> e.closes().forEach((code, count) -> {
            Map<String, String> all = labels("endpoint", e.endpoint());
            all.put("code", Integer.toString(code));
            sample(out, "pqws_websocket_closes_total", all, count);
        }));

        family(out, "pqws_websocket_errors_total", "counter", "Errors reported to a WebSocket endpoint, by endpoint.");
        snapshot.endpoints().values().forEach(e ->
                sample(out, "pqws_websocket_errors_total", labels("endpoint", e.endpoint()), e.errors()));

        if (snapshot.messagesCounted()) {
            family(out, "pqws_websocket_messages_received_total", "counter",
                    "WebSocket messages received, by endpoint (a fragmented message counts once).");
            snapshot.endpoints().values().forEach(e -> sample(out, "pqws_websocket_messages_received_total",
                    labels("endpoint", e.endpoint()), e.messagesReceived()));
            family(out, "pqws_websocket_messages_sent_total", "counter",
                    "WebSocket messages sent, by endpoint: replies and server-initiated messages.");
            snapshot.endpoints().values().forEach(e -> sample(out, "pqws_websocket_messages_sent_total",
                    labels("endpoint", e.endpoint()), e.messagesSent()));
        }

        if (snapshot.handshakeFailuresCounted()) {
            family(out, "pqws_tls_handshake_failures_total", "counter",
                    "TLS handshakes the server's PQWS provider saw fail, by reason (no_hybrid_group: refused by the "
                            + "hybrid-only policy; sent_*/received_*: the TLS alert).");
            snapshot.handshakeFailures().forEach((reason, count) ->
                    sample(out, "pqws_tls_handshake_failures_total", labels("reason", reason), count));
        }

        if (snapshot.serverHandshakesCounted()) {
            family(out, "pqws_tls_server_handshakes_total", "counter",
                    "Every TLS handshake of the server's JVM (all applications, every listener the PQWS provider "
                            + "serves), by outcome, protocol, group, whether the client offered a hybrid group and "
                            + "sent a key share for one, and whether the server asked for another key share.");
            snapshot.serverHandshakes().forEach((labels, count) ->
                    sample(out, "pqws_tls_server_handshakes_total", handshake(labels), count));
        }

        if (snapshot.clients().available()) {
            family(out, "pqws_tls_client_handshakes_without_hybrid_total", "counter",
                    "Server handshakes whose client named no hybrid group (the hybrid-only profile refuses them), by "
                            + "the client's JA4 fingerprint; the PQWS provider keeps at most 256 fingerprints.");
            snapshot.clientsWithoutHybrid().forEach(client -> sample(out,
                    "pqws_tls_client_handshakes_without_hybrid_total", labels("ja4", client.fingerprint()),
                    client.withoutHybrid()));
            family(out, "pqws_tls_client_fingerprints_overflow_total", "counter",
                    "Server handshakes of client fingerprints the bounded table let go (the rarest ones).");
            sample(out, "pqws_tls_client_fingerprints_overflow_total", Map.of(), snapshot.clients().overflow());
        }
        return out.toString();
    }

    private static Map<String, String> handshake(ServerHandshakeLabels labels) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("outcome", labels.outcome());
        all.put("protocol", labels.protocol());
        all.put("group", labels.group());
        all.put("hybrid_offered", Boolean.toString(labels.hybridOffered()));
        all.put("hybrid_key_share", Boolean.toString(labels.hybridKeyShare()));
        all.put("hello_retry", Boolean.toString(labels.helloRetry()));
        return all;
    }

    private static Map<String, String> tls(SessionLabels labels) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("group", labels.group());
        all.put("protocol", labels.protocol());
        all.put("cipher_suite", labels.cipherSuite());
        all.put("hybrid", Boolean.toString(labels.hybrid()));
        all.put("tls_reported_by", labels.reportedBy());
        return all;
    }

    private static Map<String, String> labels(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(name, value);
        return all;
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(label.getKey()).append("=\"").append(escapeLabel(label.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
    }

    /** Integers without a fraction, everything else as Java prints doubles (which the format accepts). */
    static String format(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).toLowerCase(Locale.ROOT).replace("infinity", "Inf");
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
