package io.pqws.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.HandshakeOptions;
import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

/**
 * The test PKI's users as the module sees them ({@code alice}, {@code bob}, {@code carol}; {@code portal} is the
 * portal back end with roles pqws-publisher and pqws-ticket-issuer, see {@code pqws-it.properties}): their principal
 * names, WebSocket connections with their client certificates or with tickets, and HTTPS calls.
 */
final class Users {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SUBPROTOCOL = "pqws.v1";

    private Users() {
    }

    /** The principal name the module gives the user's certificate. */
    static String principal(String user) {
        return "CN=" + user + ",O=pqws dev";
    }

    /** A connection to {@code path} with the user's client certificate. */
    static WssConnection connect(String user, String path) throws WssClientException {
        return new WssClient(withCertificate(user)).connect(PqwsServer.wss(path), WAIT);
    }

    /** A connection without a client certificate, presenting a ticket the way a browser does. */
    static WssConnection connectWithTicket(String ticket, String path) throws WssClientException {
        return new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(PqwsServer.wss(path), WAIT,
                HandshakeOptions.none().withSubprotocols(List.of(SUBPROTOCOL, "pqws.ticket." + ticket)));
    }

    static ClientTlsSettings withCertificate(String user) {
        return PqwsServer.client(TlsProfile.HYBRID).withClientCertificate(PqwsServer.clientCertificate(user));
    }

    /** The next text message as JSON. */
    static JsonObject next(WssConnection connection) throws WssClientException {
        WsMessage message = connection.nextMessage(WAIT);
        if (!(message instanceof WsMessage.Text text)) {
            throw new AssertionError("expected a JSON text message, got " + message);
        }
        try (JsonReader reader = Json.createReader(new StringReader(text.text()))) {
            return reader.readObject();
        }
    }

    /** The next message of the given type, skipping others (presence and typing arrive in between). */
    static JsonObject nextOfType(WssConnection connection, String type) throws WssClientException {
        for (int skipped = 0; skipped < 1000; skipped++) {
            JsonObject json = next(connection);
            if (json.getString("type").equals(type)) {
                return json;
            }
        }
        throw new AssertionError("no '" + type + "' message among the next 1000");
    }

    /** The strings of a JSON array member, e.g. a presence's {@code joined} or a welcome's {@code members}. */
    static List<String> strings(JsonObject json, String key) {
        return json.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** A JDK HTTPS client (SunJSSE: x25519 under the hybrid profile) with the user's certificate, or none. */
    static HttpClient https(String userOrNull) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(PqwsServer.trustStore());
            KeyManagerFactory keys = null;
            if (userOrNull != null) {
                keys = KeyManagerFactory.getInstance("PKIX");
                keys.init(PqwsServer.clientCertificate(userOrNull).keyStore(), PqwsServer.STORE_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).connectTimeout(WAIT).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String userOrNull, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(PqwsServer.https(path)).timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return https(userOrNull).send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A fresh ticket for the user, obtained with the user's certificate. */
    static String ticketFor(String user) throws Exception {
        HttpResponse<String> response = post(user, "api/tickets", "");
        if (response.statusCode() != 200) {
            throw new AssertionError("POST /api/tickets as " + user + ": " + response.statusCode() + " "
                    + response.body());
        }
        return json(response.body()).getString("ticket");
    }

    /** Publishes a notification as the portal back end; returns its id. */
    static String publish(String json) throws Exception {
        HttpResponse<String> response = post("portal", "api/notifications", json);
        if (response.statusCode() != 202) {
            throw new AssertionError("POST /api/notifications: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).getString("id");
    }

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static URI wss(String path) {
        return PqwsServer.wss(path);
    }
}
