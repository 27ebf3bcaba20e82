package io.pqws.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The client endpoint of one connection: it only records what happens (messages in a queue, the close status, the
 * last error) so that callers wait on it with bounded timeouts instead of working on Tyrus' callback threads.
 *
 * <p>Why record rather than react: an exception or assertion on a callback thread is lost, and a caller that waits
 * on a queue can decide itself how long is too long.
 */
final class RecordingEndpoint extends Endpoint {

    /** A queue entry: a message, or the end of the stream when {@code message} is null. */
    private record Event(WsMessage message) {
    }

    private static final Event END = new Event(null);

    private final BlockingQueue<Event> inbound = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Object lock = new Object();

    private volatile long openedNanos;
    private volatile CloseStatus closeStatus;
    private volatile CloseStatus closeFrameBeforeDisconnect;
    private volatile Throwable lastError;
    private volatile boolean closingLocally;
    private Session session; // guarded by lock
    private boolean abandoned; // guarded by lock

    @Override
    public void onOpen(Session newSession, EndpointConfig config) {
        openedNanos = System.nanoTime();
        newSession.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) text -> inbound.add(new Event(new WsMessage.Text(text))));
        newSession.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) buffer -> {
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            inbound.add(new Event(new WsMessage.Binary(data)));
        });
        boolean closeNow;
        synchronized (lock) {
            session = newSession;
            closeNow = abandoned;
        }
        if (closeNow) {
            closeQuietly(newSession, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "client gave up"));
        }
    }

    @Override
    public void onClose(Session closedSession, CloseReason reason) {
        int code = reason.getCloseCode().getCode();
        CloseStatus seenOnTheWire = closeFrameBeforeDisconnect;
        closeStatus = code == CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode() && seenOnTheWire != null
                ? new CloseStatus(seenOnTheWire.code(), seenOnTheWire.reason(), !closingLocally)
                : new CloseStatus(code, reason.getReasonPhrase(), !closingLocally);
        closed.countDown();
        inbound.add(END);
    }

    @Override
    public void onError(Session erredSession, Throwable error) {
        lastError = error;
    }

    /** The caller stopped waiting for the connection: close it as soon as (or if) it opens. */
    void abandon() {
        Session open;
        synchronized (lock) {
            abandoned = true;
            open = session;
        }
        if (open != null) {
            closeQuietly(open, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "client gave up"));
        }
    }

    /**
     * The server's close frame, which arrived right before the server closed the connection and which Grizzly may
     * have passed on to nobody: if Tyrus then reports 1006 (no close frame), this is what the server said.
     */
    void closeFrameBeforeDisconnect(CloseStatus serverClose) {
        closeFrameBeforeDisconnect = serverClose;
    }

    /** Marks the coming close as ours, so {@link CloseStatus#byServer()} is false for it. */
    void closingLocally() {
        closingLocally = true;
    }

    long openedNanos() {
        return openedNanos;
    }

    /** The next message; empty when the connection closed (or had closed) and no message is left. */
    Optional<WsMessage> next(Duration timeout) throws InterruptedException, TimeoutException {
        Event event = inbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) {
            throw new TimeoutException();
        }
        if (event == END) {
            inbound.add(END); // later calls see the end too
            return Optional.empty();
        }
        return Optional.of(event.message());
    }

    Optional<CloseStatus> awaitClose(Duration timeout) throws InterruptedException {
        closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return Optional.ofNullable(closeStatus);
    }

    Optional<CloseStatus> closeStatus() {
        return Optional.ofNullable(closeStatus);
    }

    Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError);
    }

    private static void closeQuietly(Session open, CloseReason reason) {
        try {
            open.close(reason);
        } catch (IOException | RuntimeException ignored) {
            // the connection is being dropped anyway
        }
    }
}
