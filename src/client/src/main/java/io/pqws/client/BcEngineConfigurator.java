package io.pqws.client;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * The Tyrus TLS configuration of one connection: engines come from our BCJSSE context, get the settings' named
 * groups, early key shares and endpoint identification, and the engine is kept so the handshake can be read after
 * the WebSocket opened. Grizzly gets the engine wrapped in an {@link ObservedSslEngine} so that TLS failures
 * surface even where Tyrus does not report them.
 *
 * <p>Why per engine and per connection: {@code jdk.tls.namedGroups} and
 * {@code org.bouncycastle.jsse.client.earlyKeyShares} are JVM-wide, and two connections of one JVM (an integration
 * test comparing profiles) must not share them. One instance serves exactly one connection, so "the" engine is
 * well defined.
 */
final class BcEngineConfigurator extends SslEngineConfigurator {

    private final ClientTlsSettings settings;
    private final AtomicReference<SSLEngine> engine = new AtomicReference<>();
    private final AtomicReference<ObservedSslEngine> observed = new AtomicReference<>();
    private final CompletableFuture<ObservedSslEngine.TlsFailure> failure = new CompletableFuture<>();
    private final CompletableFuture<ObservedSslEngine.ServerClosed> serverClosed = new CompletableFuture<>();

    BcEngineConfigurator(SSLContext bcContext, ClientTlsSettings settings) {
        super(bcContext, true, false, false);
        this.settings = settings;
        this.sslContext = new EngineConfiguringSslContext(bcContext, this::configureEngine, BcTls::aesGcmFirst);
        // Tyrus then also sets endpoint identification "HTTPS" itself; off means neither of us sets it.
        setHostVerificationEnabled(settings.hostnameVerification());
    }

    /** The engine of this connection, once Tyrus created it. */
    Optional<SSLEngine> engine() {
        return Optional.ofNullable(engine.get());
    }

    /** Whether this connection's TLS handshake completed on our side. */
    boolean tlsHandshakeFinished() {
        ObservedSslEngine current = observed.get();
        return current != null && current.handshakeFinished();
    }

    /** Completes with the first TLS failure of this connection's engine, also one after the handshake. */
    CompletableFuture<ObservedSslEngine.TlsFailure> failure() {
        return failure;
    }

    /** Completes when the server closes the TLS connection, with what it sent last. */
    CompletableFuture<ObservedSslEngine.ServerClosed> serverClosed() {
        return serverClosed;
    }

    private SSLEngine configureEngine(SSLEngine created) {
        if (!(created instanceof BCSSLEngine)) {
            throw new IllegalStateException("expected a BCJSSE engine, got " + created.getClass().getName());
        }
        applySettings(created);
        created.setUseClientMode(true);
        engine.set(created);
        ObservedSslEngine watched = new ObservedSslEngine(created, failure::complete, this::applySettings,
                serverClosed::complete);
        observed.set(watched);
        return watched;
    }

    /** Puts the settings' groups, key shares, hostname check and protocols on a BCJSSE engine. */
    private void applySettings(SSLEngine target) {
        BCSSLEngine bc = (BCSSLEngine) target;
        BCSSLParameters parameters = bc.getParameters();
        BcTls.configure(parameters, settings);
        bc.setParameters(parameters);
    }
}
