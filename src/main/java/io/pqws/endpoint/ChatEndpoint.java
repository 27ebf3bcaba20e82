package io.pqws.endpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.config.LimitSettings;
import io.pqws.messaging.ChatRooms;
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
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /chat/{room}}: a multi-party chat room for authenticated users. Opening the connection joins the room; the
 * protocol is in {@code docs/messaging.md}. The endpoint only wires the session to {@link SessionGuard} (limits) and
 * {@link ChatRooms} (everything else).
 */
@MeteredEndpoint
@ServerEndpoint(value = "/chat/{room}", subprotocols = TicketCarrier.SUBPROTOCOL,
        configurator = HandshakeConfigurator.class)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    @Inject
    private SessionTlsFacts tls;

    @Inject
    private SessionGuard guard;

    @Inject
    private ChatRooms rooms;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        tls.attach(session);
        if (guard.admit(session)) {
            rooms.join(session, room);
        }
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void text(Session session, String text) {
        if (guard.admitText(session, text)) {
            rooms.receive(session, text);
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
        rooms.leave(session);
        guard.release(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.INFO, "chat session {0} failed: {1}", new Object[] {session.getId(), error.toString()});
    }
}
