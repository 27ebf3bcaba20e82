package io.pqws.load;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import io.pqws.client.BcTls;
import io.pqws.client.ClientTlsSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

/**
 * Opens many authenticated wss sessions from one JVM: one shared JDK {@link HttpClient} (one selector thread and a
 * small pool for all sessions) on a Bouncy Castle JSSE context that offers the settings' groups, so the load is real
 * post-quantum wss. Each session is a different user, authenticated with a ticket that the issuer (a client
 * certificate with role {@code pqws-ticket-issuer}) obtains with {@code POST /api/tickets} just before connecting.
 *
 * <p>Why not {@link io.pqws.client.WssClient}: it starts a Tyrus container (its own transport and threads) per
 * connection, which is right for one CLI connection and far too heavy for thousands. Why tickets and many users:
 * the module caps sessions per user, and the load should respect the shipped limits rather than raise them.
 */
public final class LoadClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** One factory: {@code Json.createReader} looks the provider up again for every message. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final URI base;
    private final ExecutorService executor;
    private final HttpClient sockets;
    private final HttpClient issuer;

    /**
     * @param base      the module's base URL, e.g. {@code https://localhost:8443/pqws/}
     * @param sessions  TLS of the WebSocket sessions (no client certificate: they authenticate with tickets)
     * @param issuer    TLS of the ticket requests, with the issuer's client certificate
     * @param threads   callback threads shared by all sessions
     */
    public LoadClient(URI base, ClientTlsSettings sessions, ClientTlsSettings issuer, int threads)
            throws GeneralSecurityException {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.executor = Executors.newFixedThreadPool(threads, daemon("pqws-load"));
        this.sockets = client(BcTls.engineConfiguringContext(sessions));
        this.issuer = client(BcTls.engineConfiguringContext(issuer));
    }

    private HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(WAIT).executor(executor)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A fresh single-use ticket for {@code user} (any principal name), issued to the issuer's certificate. */
    public CompletableFuture<String> ticketFor(String user) {
        String body = Json.createObjectBuilder().add("user", user).build().toString();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/tickets")).timeout(WAIT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return issuer.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST /api/tickets for " + user + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return json(response.body()).getString("ticket");
        });
    }

    /** Opens {@code path} (e.g. {@code chat/lobby}) as {@code user}, with a ticket, delivering to the listener. */
    public CompletableFuture<WebSocket> open(String path, String user, WebSocket.Listener listener) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path);
        return ticketFor(user).thenCompose(ticket -> sockets.newWebSocketBuilder().connectTimeout(WAIT)
                .subprotocols("pqws.v1", "pqws.ticket." + ticket).buildAsync(uri, listener));
    }

    /** Opens {@code path} without credentials (public endpoints such as {@code tls}). */
    public CompletableFuture<WebSocket> openAnonymous(String path, WebSocket.Listener listener) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path);
        return sockets.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, listener);
    }

    static JsonObject json(CharSequence text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text.toString()))) {
            return reader.readObject();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
