package io.pqws.client;

import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

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
        AlignedText text = new AlignedText("connected to " + url, 15);
        if (!report.secure()) {
            text.line("protocol", "none (plain ws://, not encrypted)");
        } else {
            text.line("protocol", report.protocol());
            text.line("cipher suite", report.cipherSuite());
            text.line("named group", report.namedGroup() == null ? "(none)" : report.namedGroup());
            text.line("hybrid PQ", report.hybrid() ? "yes" : "no");
            text.line("server subject", String.valueOf(report.serverSubject()));
            text.line("server issuer", String.valueOf(report.serverIssuer()));
        }
        text.line("handshake", report.handshakeMillis() + " ms");
        return text.toString();
    }

    static String json(URI url, HandshakeReport report) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("url", url.toString());
        JsonText.addNullable(json, "protocol", report.protocol());
        JsonText.addNullable(json, "cipherSuite", report.cipherSuite());
        JsonText.addNullable(json, "namedGroup", report.namedGroup());
        json.add("hybridPostQuantum", report.hybrid());
        JsonText.addNullable(json, "serverSubject", report.serverSubject());
        JsonText.addNullable(json, "serverIssuer", report.serverIssuer());
        json.add("handshakeMillis", report.handshakeMillis());
        return JsonText.write(json.build());
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
            return JsonText.write(Json.createObjectBuilder().add("type", "text")
                    .add("text", ((WsMessage.Text) reply).text()).build());
        }
        return JsonText.write(Json.createObjectBuilder().add("type", "binary")
                .add("base64", Base64.getEncoder().encodeToString(((WsMessage.Binary) reply).data())).build());
    }
}
