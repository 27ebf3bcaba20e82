package io.pqws.client;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.glassfish.tyrus.client.ClientManager;

import io.pqws.client.WssClientException.Kind;

/**
 * An open WebSocket connection made by {@link WssClient}: the handshake report, sending, receiving with bounded
 * waits, and the way it closed.
 *
 * <p>Why it owns its Tyrus {@link ClientManager}: each connection gets its own TLS configuration (and so its own
 * captured engine), and closing the connection releases everything it started; nothing is shared between
 * connections. Not meant for concurrent senders: one caller drives one connection.
 */
public final class WssConnection implements AutoCloseable {

    private final URI uri;
    private final ClientManager manager;
    private final Session session;
    private final RecordingEndpoint endpoint;
    private final HandshakeReport handshake;
    private final Duration timeout;

    WssConnection(URI uri, ClientManager manager, Session session, RecordingEndpoint endpoint,
            HandshakeReport handshake, Duration timeout) {
        this.uri = uri;
        this.manager = manager;
        this.session = session;
        this.endpoint = endpoint;
        this.handshake = handshake;
        this.timeout = timeout;
    }

    public URI uri() {
        return uri;
    }

    /** What the TLS handshake negotiated. */
    public HandshakeReport handshake() {
        return handshake;
    }

    /** The timeout this connection was opened with; it also bounds each send and the close handshake. */
    public Duration timeout() {
        return timeout;
    }

    /** The subprotocol the server chose, empty when none. */
    public String subprotocol() {
        String chosen = session.getNegotiatedSubprotocol();
        return chosen == null ? "" : chosen;
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** Sends one text frame, waiting at most the connection's timeout for it to be written. */
    public void sendText(String text) throws WssClientException {
        ensureOpen();
        Future<Void> sent;
        try {
            sent = session.getAsyncRemote().sendText(text);
        } catch (RuntimeException e) {
            throw sendFailure(e); // closed between the check and the send
        }
        awaitSent(sent);
    }

    /** Sends one binary frame, waiting at most the connection's timeout for it to be written. */
    public void sendBinary(byte[] data) throws WssClientException {
        ensureOpen();
        Future<Void> sent;
        try {
            sent = session.getAsyncRemote().sendBinary(ByteBuffer.wrap(data.clone()));
        } catch (RuntimeException e) {
            throw sendFailure(e); // closed between the check and the send
        }
        awaitSent(sent);
    }

    /**
     * The next message from the server, in arrival order.
     *
     * @throws WssClientException {@link Kind#TIMEOUT} when none arrives in time, {@link Kind#CLOSED} when the
     *         connection closed and every message before the close was taken
     */
    public WsMessage nextMessage(Duration wait) throws WssClientException {
        try {
            Optional<WsMessage> message = endpoint.next(wait);
            if (message.isPresent()) {
                return message.get();
            }
            throw closedFailure();
        } catch (TimeoutException e) {
            throw new WssClientException(Kind.TIMEOUT, "no message from the server within " + describe(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WssClientException(Kind.INTERNAL, "interrupted while waiting for a message", e);
        }
    }

    /** Waits until the connection is closed (by either side); empty when it is still open after {@code wait}. */
    public Optional<CloseStatus> awaitClose(Duration wait) throws WssClientException {
        try {
            return endpoint.awaitClose(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WssClientException(Kind.INTERNAL, "interrupted while waiting for the close", e);
        }
    }

    /** How the connection closed, if it did. */
    public Optional<CloseStatus> closeStatus() {
        return endpoint.closeStatus();
    }

    /** Closes with 1000 (normal closure). */
    @Override
    public void close() {
        close(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(), "");
    }

    /**
     * Closes with the given code and reason, waits at most the connection's timeout for the close handshake and
     * releases the client container. Never throws: a connection that cannot close cleanly is dropped.
     */
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                endpoint.closingLocally();
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
            endpoint.awaitClose(timeout);
        } catch (IOException | RuntimeException e) {
            // the peer is gone or the close frame could not be written: nothing left to tell it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            manager.shutdown();
        }
    }

    private void ensureOpen() throws WssClientException {
        if (!session.isOpen()) {
            throw closedFailure();
        }
    }

    private void awaitSent(Future<Void> sent) throws WssClientException {
        try {
            sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new WssClientException(Kind.TIMEOUT, "message not sent within " + describe(timeout));
        } catch (ExecutionException e) {
            throw sendFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WssClientException(Kind.INTERNAL, "interrupted while sending", e);
        }
    }

    /** A send that failed, most often because the server is closing: the server's close, not the broken pipe. */
    private WssClientException sendFailure(Exception e) throws WssClientException {
        if (!session.isOpen() && awaitClose(timeout).isPresent()) {
            return closedFailure();
        }
        return new WssClientException(Kind.CLOSED, "sending failed: " + Failures.innermostMessage(e), e);
    }

    private WssClientException closedFailure() {
        Optional<CloseStatus> status = endpoint.closeStatus();
        if (status.isEmpty()) {
            return new WssClientException(Kind.CLOSED, "the connection is closed");
        }
        CloseStatus close = status.get();
        if (close.byServer()) {
            return new WssClientException(Kind.CLOSED, "server closed the connection: " + close.describe(),
                    endpoint.lastError().orElse(null));
        }
        return new WssClientException(Kind.CLOSED, "the connection was closed: " + close.describe());
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
