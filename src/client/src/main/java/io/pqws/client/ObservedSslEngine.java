package io.pqws.client;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.pqws.jsse.ForwardingSslEngine;

/**
 * An {@link SSLEngine} that forwards everything to the real (BCJSSE) engine and reports the first TLS failure it
 * sees, including ones after the client considers the handshake done.
 *
 * <p>Why: in TLS 1.3 the client finishes its handshake before the server has checked the client certificate. A
 * server that then rejects it sends a fatal alert while Tyrus is waiting for the HTTP upgrade response, and Tyrus'
 * Grizzly client ignores a connection that dies at that point, so the caller would only see a timeout. With this
 * engine in Grizzly's hands the client fails at once with the alert the server sent.
 *
 * <p>It also keeps the connection's own TLS settings in force: on JDK 20 and later BCJSSE's
 * {@code setSSLParameters} copies {@code SSLParameters#getNamedGroups()} into the engine even when it is
 * {@code null}, so a container that sets its parameters after us (Grizzly does) would silently put the provider's
 * default groups back. Every {@code setSSLParameters} is therefore followed by {@code reapplySettings}.
 */
final class ObservedSslEngine extends ForwardingSslEngine {

    /** A TLS failure seen by the engine; {@code afterHandshake} when our side had already finished its handshake. */
    static final class TlsFailure extends SSLException {
        private static final long serialVersionUID = 1L;
        private final boolean afterHandshake;

        TlsFailure(SSLException cause, boolean afterHandshake) {
            super(cause.getMessage(), cause);
            this.afterHandshake = afterHandshake;
        }

        boolean afterHandshake() {
            return afterHandshake;
        }
    }

    private final Consumer<TlsFailure> onFailure;
    private final Consumer<SSLEngine> reapplySettings;
    private volatile boolean handshakeFinished;
    private volatile boolean reported;

    ObservedSslEngine(SSLEngine delegate, Consumer<TlsFailure> onFailure, Consumer<SSLEngine> reapplySettings) {
        super(delegate);
        this.onFailure = onFailure;
        this.reapplySettings = reapplySettings;
    }

    /** Whether our side of the handshake completed (in TLS 1.3 the server may still reject our certificate). */
    boolean handshakeFinished() {
        return handshakeFinished;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination)
            throws SSLException {
        return observe(() -> super.wrap(sources, offset, length, destination));
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length)
            throws SSLException {
        return observe(() -> super.unwrap(source, destinations, offset, length));
    }

    private interface EngineCall {
        SSLEngineResult call() throws SSLException;
    }

    private SSLEngineResult observe(EngineCall call) throws SSLException {
        try {
            SSLEngineResult result = call.call();
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
                handshakeFinished = true;
            }
            return result;
        } catch (SSLException e) {
            if (!reported) {
                reported = true;
                onFailure.accept(new TlsFailure(e, handshakeFinished));
            }
            throw e;
        }
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        super.setSSLParameters(parameters);
        reapplySettings.accept(delegate());
    }
}
