package io.pqws.client;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

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
final class ObservedSslEngine extends SSLEngine {

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

    private final SSLEngine delegate;
    private final Consumer<TlsFailure> onFailure;
    private final Consumer<SSLEngine> reapplySettings;
    private volatile boolean handshakeFinished;
    private volatile boolean reported;

    ObservedSslEngine(SSLEngine delegate, Consumer<TlsFailure> onFailure, Consumer<SSLEngine> reapplySettings) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.delegate = delegate;
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
        return observe(() -> delegate.wrap(sources, offset, length, destination));
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length)
            throws SSLException {
        return observe(() -> delegate.unwrap(source, destinations, offset, length));
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
    public Runnable getDelegatedTask() {
        return delegate.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        delegate.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return delegate.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        delegate.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return delegate.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return delegate.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        delegate.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return delegate.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return delegate.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        delegate.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return delegate.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return delegate.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        delegate.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return delegate.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        delegate.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return delegate.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        delegate.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return delegate.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        delegate.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return delegate.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        delegate.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return delegate.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return delegate.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        delegate.setSSLParameters(parameters);
        reapplySettings.accept(delegate);
    }

    @Override
    public String getApplicationProtocol() {
        return delegate.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return delegate.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        delegate.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return delegate.getHandshakeApplicationProtocolSelector();
    }
}
