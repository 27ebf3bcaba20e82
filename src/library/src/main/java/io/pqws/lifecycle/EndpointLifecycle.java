package io.pqws.lifecycle;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.security.Closing;
import io.pqws.security.SessionGuard;
import io.pqws.tls.SessionTlsFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

/**
 * What every JSON endpoint of the module does around its own work, at each step of a session: attach the
 * handshake's TLS facts and apply the limits ({@link SessionGuard}) before the work, refuse binary messages, release
 * the session's limits after it has left, and log a failure in one line.
 *
 * <p>Why a bean the endpoints call, not a base class: Jakarta WebSocket does not reliably inherit the annotated
 * lifecycle methods, so each endpoint keeps its own {@code @OnOpen}, {@code @OnMessage}, {@code @OnClose} and
 * {@code @OnError} (which the metrics interceptor also relies on) and hands them over here in one line each.
 */
@ApplicationScoped
public class EndpointLifecycle {

    @Inject
    private SessionTlsFacts tls;

    @Inject
    private SessionGuard guard;

    /**
     * Attaches the TLS facts and, when the limits admit the session, runs the endpoint's own opening; a close either
     * asks for is made after {@code @OnOpen} has returned ({@link Closing#opening}).
     */
    public void open(Session session, Runnable admitted) {
        tls.attach(session);
        Closing.opening(session, () -> {
            if (guard.admit(session)) {
                admitted.run();
            }
            return null;
        });
    }

    /** Hands a text message to the endpoint's handler when the limits admit it. */
    public void text(Session session, String text, BiConsumer<Session, String> handler) {
        if (guard.admitText(session, text)) {
            handler.accept(session, text);
        }
    }

    /** Closes the session with 1003 for a binary message the limits admit (the protocol is JSON text). */
    public void binary(Session session, ByteBuffer data) {
        if (guard.admitBinary(session, data)) {
            Closing.close(session, CloseCodes.CANNOT_ACCEPT, "binary messages are not supported; send JSON text");
        }
    }

    /** Runs the endpoint's own leaving, then releases what the limits counted for the session. */
    public void close(Session session, Consumer<Session> leave) {
        leave.accept(session);
        guard.release(session);
    }

    /** Logs a session's failure in one line on the endpoint's own logger, never its stack trace. */
    public void error(Logger log, String kind, Session session, Throwable error) {
        log.log(Level.INFO, kind + " session {0} failed: {1}", new Object[] {session.getId(), error.toString()});
    }
}
