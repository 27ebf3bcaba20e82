package io.pqws.client;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLEngine;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.core.HandshakeException;

import io.pqws.client.WssClientException.Kind;
import io.pqws.tls.bc.BcInternalsUnavailableException;

/**
 * Opens WebSocket connections ({@code wss://} through Bouncy Castle JSSE, or plain {@code ws://}) with fixed
 * {@link ClientTlsSettings}, and reports what each TLS handshake negotiated.
 *
 * <p>Why a library and not just the CLI: the project's integration tests connect exactly the way the
 * {@code pqws-client} command does, so a green test means the command works too. Instances are immutable and
 * thread-safe; every {@link #connect} builds its own Tyrus client and TLS engine, so connections with different
 * settings can run side by side in one JVM without global properties.
 *
 * <pre>{@code
 * WssClient client = new WssClient(ClientTlsSettings.of(TlsProfile.HYBRID).withTrustStore(devCa));
 * try (WssConnection c = client.connect(URI.create("wss://localhost:8443/pqws/echo"), Duration.ofSeconds(10))) {
 *     assert c.handshake().hybrid();
 *     c.sendText("hello");
 *     WsMessage reply = c.nextMessage(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class WssClient {

    /** How much later than the caller's timeout Tyrus' own handshake timeout fires. */
    private static final int TYRUS_BACKSTOP_MILLIS = 2_000;

    /** How long a refused upgrade's message waits for the answer's headers (see {@link #answerHeaders}). */
    private static final long ANSWER_WAIT_MILLIS = 1_000;

    private final ClientTlsSettings settings;

    public WssClient(ClientTlsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ClientTlsSettings settings() {
        return settings;
    }

    /**
     * Connects, completes the TLS handshake and the WebSocket upgrade, and applies the policy of the settings.
     *
     * @param uri     a {@code wss://} or {@code ws://} URL
     * @param timeout bounds the whole connect (TCP, TLS, upgrade); also the default for sends and the close
     * @return the open connection; the caller closes it
     * @throws WssClientException with a one-line reason: {@link Kind#CONNECT}, {@link Kind#TLS},
     *         {@link Kind#TIMEOUT}, {@link Kind#POLICY} (e.g. a classic group under a hybrid-only policy; the
     *         connection is closed with 1008 before anything is sent), {@link Kind#SETUP} or {@link Kind#INTERNAL}
     */
    public WssConnection connect(URI uri, Duration timeout) throws WssClientException {
        return connect(uri, timeout, HandshakeOptions.none());
    }

    /**
     * Like {@link #connect(URI, Duration)}, with an {@code Origin} header and subprotocols in the handshake; a
     * refused handshake (e.g. 401 or 403) is {@link Kind#CONNECT} with the HTTP status and the answer's headers in
     * the message.
     */
    public WssConnection connect(URI uri, Duration timeout, HandshakeOptions handshake) throws WssClientException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(handshake, "handshake");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("ws")) {
            throw new WssClientException(Kind.SETUP, "not a WebSocket URL (wss:// or ws://): " + uri);
        }
        if (uri.getHost() == null) {
            throw new WssClientException(Kind.SETUP, "no host in " + uri);
        }
        boolean tls = scheme.equals("wss");
        if (!tls && settings.requireHybrid()) {
            throw new WssClientException(Kind.POLICY,
                    "a hybrid-only policy needs TLS, but " + uri + " is plain ws://; use wss://");
        }

        ClientManager manager = ClientManager.createClient();
        BcEngineConfigurator tlsConfig = null;
        if (tls) {
            try {
                tlsConfig = new BcEngineConfigurator(BcTls.clientContext(settings), settings);
            } catch (GeneralSecurityException e) {
                manager.shutdown();
                throw new WssClientException(Kind.SETUP, "cannot set up TLS: " + Failures.innermostMessage(e), e);
            }
            manager.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, tlsConfig);
        }
        // Our own bounded wait in open() decides; Tyrus' handshake timeout is only a backstop, a little later, so that
        // a slow machine cannot make Tyrus give up first and turn a timeout into a connect failure.
        int millis = (int) Math.min(Integer.MAX_VALUE - TYRUS_BACKSTOP_MILLIS, timeout.toMillis());
        manager.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, millis + TYRUS_BACKSTOP_MILLIS);

        RecordingEndpoint endpoint = new RecordingEndpoint();
        long start = System.nanoTime();
        Session session = open(manager, endpoint, tlsConfig, uri, timeout, handshake);
        long handshakeMillis = TimeUnit.NANOSECONDS.toMillis(endpoint.openedNanos() - start);

        HandshakeReport report;
        try {
            report = tls ? HandshakeReport.of(engineOf(tlsConfig), handshakeMillis)
                    : HandshakeReport.plain(handshakeMillis);
        } catch (BcInternalsUnavailableException | IllegalStateException e) {
            new WssConnection(uri, manager, session, endpoint, null, timeout)
                    .close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "");
            throw new WssClientException(Kind.INTERNAL, "cannot read the negotiated TLS group: " + e.getMessage(), e);
        }
        WssConnection connection = new WssConnection(uri, manager, session, endpoint, report, timeout);
        if (settings.requireHybrid() && !report.hybrid()) {
            connection.close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "post-quantum key exchange required");
            throw new WssClientException(Kind.POLICY, "negotiated key exchange "
                    + (report.namedGroup() == null ? "(none)" : report.namedGroup())
                    + " is not hybrid post-quantum; refused by the hybrid-only policy");
        }
        return connection;
    }

    /**
     * Runs Tyrus' blocking connect on a thread of its own and waits for whichever comes first: the open session,
     * Tyrus' failure, a TLS failure seen by the engine (which Tyrus may never report), or the timeout.
     */
    private static Session open(ClientManager manager, RecordingEndpoint endpoint, BcEngineConfigurator tlsConfig,
            URI uri, Duration timeout, HandshakeOptions handshake) throws WssClientException {
        CompletableFuture<Session> outcome = new CompletableFuture<>();
        CompletableFuture<Map<String, List<String>>> answer = new CompletableFuture<>();
        if (tlsConfig != null) {
            tlsConfig.failure().thenAccept(outcome::completeExceptionally);
            // Grizzly passes nothing on from a read that ends in the server's close_notify; the engine kept the rest
            tlsConfig.serverClosed().thenAccept(closed -> {
                closed.closeFrame().ifPresent(endpoint::closeFrameBeforeDisconnect);
                closed.answer().filter(head -> head.status() != 101).ifPresent(refusal ->
                        outcome.completeExceptionally(new UpgradeAnswer.RefusedAndClosed(refusal)));
            });
        }
        Thread connector = new Thread(() -> {
            try {
                outcome.complete(manager.connectToServer(endpoint, endpointConfig(handshake, answer), uri));
            } catch (DeploymentException | IOException | RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        }, "pqws-connect-" + uri.getHost());
        connector.setDaemon(true);
        connector.start();
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            endpoint.abandon();
            manager.shutdown();
            String endpointName = uri.getHost() + ":" + Failures.port(uri);
            if (tlsConfig != null && tlsConfig.tlsHandshakeFinished()) {
                // Tyrus' Grizzly client does not report a connection that dies before the upgrade response, and a
                // reset can swallow the server's alert; in TLS 1.3 that is typically a refused client certificate.
                throw new WssClientException(Kind.TIMEOUT, "no WebSocket upgrade response from " + endpointName
                        + " within " + WssConnection.describe(timeout) + " after the TLS handshake (the server may "
                        + "have dropped the connection, e.g. over a missing or untrusted client certificate; see --cert)",
                        e);
            }
            throw new WssClientException(Kind.TIMEOUT, "no WebSocket connection to " + endpointName + " within "
                    + WssConnection.describe(timeout), e);
        } catch (ExecutionException e) {
            endpoint.abandon();
            Throwable failure = e.getCause() != null ? e.getCause() : e;
            Map<String, List<String>> headers = Failures.find(failure, HandshakeException.class) == null ? Map.of()
                    : answerHeaders(answer);
            manager.shutdown();
            throw Failures.connectFailure(failure, uri, headers);
        } catch (InterruptedException e) {
            endpoint.abandon();
            manager.shutdown();
            Thread.currentThread().interrupt();
            throw new WssClientException(Kind.INTERNAL, "interrupted while connecting", e);
        }
    }

    /**
     * The headers of the server's answer to a refused upgrade. Tyrus reports the refusal first and hands the answer to
     * the configurator just after, on its own thread; the wait is bounded, a missing answer only shortens the message.
     */
    private static Map<String, List<String>> answerHeaders(CompletableFuture<Map<String, List<String>>> answer) {
        try {
            return answer.get(ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    private static ClientEndpointConfig endpointConfig(HandshakeOptions handshake,
            CompletableFuture<Map<String, List<String>>> answer) {
        return ClientEndpointConfig.Builder.create().preferredSubprotocols(handshake.subprotocols())
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        if (handshake.origin() != null) {
                            headers.put("Origin", List.of(handshake.origin()));
                        }
                    }

                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                        response.getHeaders().forEach((name, values) -> {
                            if (name != null && values != null) {
                                byName.put(name, List.copyOf(values));
                            }
                        });
                        answer.complete(byName);
                    }
                }).build();
    }

    private static SSLEngine engineOf(BcEngineConfigurator tlsConfig) {
        return tlsConfig.engine().orElseThrow(() -> new IllegalStateException(
                "Tyrus opened a wss connection without creating an engine from our SSLContext"));
    }
}
