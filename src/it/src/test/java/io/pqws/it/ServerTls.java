package io.pqws.it;

import java.io.StringReader;
import java.time.Duration;

import io.pqws.client.WsMessage;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** The TLS facts the server reports on {@code /tls} for the connection the test holds. */
record ServerTls(JsonObject json) {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** Reads the first message of a {@code /tls} connection. */
    static ServerTls of(WssConnection connection) throws WssClientException {
        WsMessage first = connection.nextMessage(WAIT);
        if (!(first instanceof WsMessage.Text text)) {
            throw new AssertionError("expected the TLS report as a text message, got " + first);
        }
        try (JsonReader reader = Json.createReader(new StringReader(text.text()))) {
            return new ServerTls(reader.readObject());
        }
    }

    String namedGroup() {
        return json.isNull("namedGroup") ? null : json.getString("namedGroup");
    }

    boolean hybrid() {
        return json.getBoolean("hybridPostQuantum");
    }

    boolean secure() {
        return json.getBoolean("secure");
    }

    String protocol() {
        return json.isNull("protocol") ? null : json.getString("protocol");
    }

    String clientCertificate() {
        return json.isNull("clientCertificate") ? null : json.getString("clientCertificate");
    }
}
