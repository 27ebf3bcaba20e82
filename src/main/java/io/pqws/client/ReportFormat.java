package io.pqws.client;

import java.io.StringWriter;
import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;

/**
 * How {@code pqws-client connect} prints a handshake report and the replies: aligned text for people, one JSON
 * object per line ({@code --json}) for scripts.
 *
 * <p>Why the JSON keys look like the server's {@code /tls} answer ({@code protocol}, {@code cipherSuite},
 * {@code namedGroup}, {@code hybridPostQuantum}): a script can compare what the client and the server saw, field by
 * field.
 */
final class ReportFormat {

    private ReportFormat() {
    }

    static String text(URI url, HandshakeReport report) {
        StringBuilder text = new StringBuilder();
        text.append("connected to ").append(url).append('\n');
        if (!report.secure()) {
            line(text, "protocol", "none (plain ws://, not encrypted)");
        } else {
            line(text, "protocol", report.protocol());
            line(text, "cipher suite", report.cipherSuite());
            line(text, "named group", report.namedGroup() == null ? "(none)" : report.namedGroup());
            line(text, "hybrid PQ", report.hybrid() ? "yes" : "no");
            line(text, "server subject", String.valueOf(report.serverSubject()));
            line(text, "server issuer", String.valueOf(report.serverIssuer()));
        }
        line(text, "handshake", report.handshakeMillis() + " ms");
        return text.substring(0, text.length() - 1);
    }

    static String json(URI url, HandshakeReport report) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("url", url.toString());
        addNullable(json, "protocol", report.protocol());
        addNullable(json, "cipherSuite", report.cipherSuite());
        addNullable(json, "namedGroup", report.namedGroup());
        json.add("hybridPostQuantum", report.hybrid());
        addNullable(json, "serverSubject", report.serverSubject());
        addNullable(json, "serverIssuer", report.serverIssuer());
        json.add("handshakeMillis", report.handshakeMillis());
        return write(json.build());
    }

    static String textReply(WsMessage reply) {
        if (reply instanceof WsMessage.Text) {
            return "< " + ((WsMessage.Text) reply).text();
        }
        byte[] data = ((WsMessage.Binary) reply).data();
        return "< [binary, " + data.length + " bytes] " + HexFormat.of().formatHex(data);
    }

    static String jsonReply(WsMessage reply) {
        if (reply instanceof WsMessage.Text) {
            return write(Json.createObjectBuilder().add("type", "text")
                    .add("text", ((WsMessage.Text) reply).text()).build());
        }
        return write(Json.createObjectBuilder().add("type", "binary")
                .add("base64", Base64.getEncoder().encodeToString(((WsMessage.Binary) reply).data())).build());
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-15s %s", label, value)).append('\n');
    }

    private static void addNullable(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }

    private static String write(JsonObject object) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Json.createWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
