package io.pqws.endpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.config.LimitSettings;
import io.pqws.messaging.NotificationCenter;
import io.pqws.metrics.MeteredEndpoint;
import io.pqws.security.Closing;
import io.pqws.security.HandshakeConfigurator;
import io.pqws.security.SessionGuard;
import io.pqws.security.TicketCarrier;
import io.pqws.tls.SessionTlsFacts;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /notifications[?lastSeenId=ID]}: server push for an authenticated user, of notifications addressed to the
 * user, to one of the user's roles, or to a topic the user subscribed to. The endpoint only wires the session to
 * {@link SessionGuard} (limits) and {@link NotificationCenter} (everything else).
 */
@MeteredEndpoint
@ServerEndpoint(value = "/notifications", subprotocols = TicketCarrier.SUBPROTOCOL,
        configurator = HandshakeConfigurator.class)
public class NotificationEndpoint {

    private static final Logger LOG = Logger.getLogger(NotificationEndpoint.class.getName());

    @Inject
    private SessionTlsFacts tls;

    @Inject
    private SessionGuard guard;

    @Inject
    private NotificationCenter center;

    @OnOpen
    public void open(Session session) {
        tls.attach(session);
        if (guard.admit(session)) {
            center.connect(session);
        }
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void text(Session session, String text) {
        if (guard.admitText(session, text)) {
            center.receive(session, text);
        }
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void binary(Session session, ByteBuffer data) {
        if (guard.admitBinary(session, data)) {
            Closing.close(session, CloseCodes.CANNOT_ACCEPT, "binary messages are not supported; send JSON text");
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        center.disconnect(session);
        guard.release(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.INFO, "notification session {0} failed: {1}", new Object[] {session.getId(), error.toString()});
    }
}
