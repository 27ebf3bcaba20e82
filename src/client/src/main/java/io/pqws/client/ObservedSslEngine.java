package io.pqws.client;

import java.nio.ByteBuffer;
import java.util.Optional;
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
 *
 * <p>And it keeps the start of what the server sent, the head of its answer to the upgrade request, for the moment
 * the server closes the TLS connection: Grizzly's TLS filter passes nothing on from a read that ends in the peer's
 * close_notify, so an answer that arrives together with it (Undertow's refusal with {@code Connection: close}) would
 * otherwise be lost and the caller would wait for its timeout. For the same reason it keeps a close frame that
 * arrives right before the server's close_notify: Tyrus would otherwise report 1006 for a close the server made with
 * its own code.
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
    private final Consumer<ServerClosed> onServerClosed;
    /** The first bytes the server sent, up to the end of its answer's head. */
    private final AnswerHead answerHead = new AnswerHead();
    /** The destinations' positions before an unwrap; only Grizzly's reading thread unwraps. */
    private int[] before = new int[1];
    /** The server's close frame, when the last record that carried data was exactly that. */
    private CloseStatus lastCloseFrame;
    private volatile boolean handshakeFinished;
    private volatile boolean reported;
    private volatile boolean serverClosed;

    /**
     * What the server sent last before its close_notify, as far as the engine can tell: the answer to the upgrade
     * request (when its whole head arrived) and a close frame (when the last record was exactly one).
     */
    record ServerClosed(Optional<UpgradeAnswer> answer, Optional<CloseStatus> closeFrame) {
    }

    /** @param onServerClosed called once, when the server's close_notify arrives */
    ObservedSslEngine(SSLEngine delegate, Consumer<TlsFailure> onFailure, Consumer<SSLEngine> reapplySettings,
            Consumer<ServerClosed> onServerClosed) {
        super(delegate);
        this.onFailure = onFailure;
        this.reapplySettings = reapplySettings;
        this.onServerClosed = onServerClosed;
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
        if (before.length < length) {
            before = new int[length];
        }
        for (int i = 0; i < length; i++) {
            before[i] = destinations[offset + i].position();
        }
        SSLEngineResult result = observe(() -> super.unwrap(source, destinations, offset, length));
        if (result.bytesProduced() > 0) {
            for (int i = 0; i < length && !answerHead.complete(); i++) {
                answerHead.append(destinations[offset + i], before[i]);
            }
            lastCloseFrame = result.bytesProduced() <= ServerCloseFrame.MAX_LENGTH
                    ? closeFrameIn(destinations, offset, length, result.bytesProduced()) : null;
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED && !isOutboundDone() && !serverClosed) {
            // CLOSED before our own close_notify went out: the server closed the connection
            serverClosed = true;
            onServerClosed.accept(new ServerClosed(answerHead.answer(), Optional.ofNullable(lastCloseFrame)));
        }
        return result;
    }

    private CloseStatus closeFrameIn(ByteBuffer[] destinations, int offset, int length, int produced) {
        for (int i = 0; i < length; i++) {
            ByteBuffer destination = destinations[offset + i];
            if (destination.position() - before[i] == produced) {
                return ServerCloseFrame.parse(destination, before[i]).orElse(null);
            }
        }
        return null; // spread over several buffers: not read
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
