package io.pqws.endpoint;

import java.nio.ByteBuffer;
import java.util.logging.Logger;

import io.pqws.config.LimitSettings;
import io.pqws.lifecycle.EndpointLifecycle;
import io.pqws.messaging.ChatRooms;
import io.pqws.metrics.MeteredEndpoint;
import io.pqws.security.HandshakeConfigurator;
import io.pqws.security.TicketCarrier;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /chat/{room}}: a multi-party chat room for authenticated users. Opening the connection joins the room; the
 * protocol is in {@code docs/messaging.md}. The endpoint only wires the session to {@link EndpointLifecycle} (TLS
 * facts, limits) and {@link ChatRooms} (everything else).
 *
 * <p>{@code @Dependent} makes it a CDI bean under {@code bean-discovery-mode="annotated"}: Open Liberty injects
 * only endpoints that are beans and creates any other with {@code new}, leaving its {@code @Inject} fields null.
 */
@Dependent
@MeteredEndpoint
@ServerEndpoint(value = "/chat/{room}", subprotocols = TicketCarrier.SUBPROTOCOL,
        configurator = HandshakeConfigurator.class)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    @Inject
    private EndpointLifecycle lifecycle;

    @Inject
    private ChatRooms rooms;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        lifecycle.open(session, () -> rooms.join(session, room));
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void text(Session session, String text) {
        lifecycle.text(session, text, rooms::receive);
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void binary(Session session, ByteBuffer data) {
        lifecycle.binary(session, data);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        lifecycle.close(session, rooms::leave);
    }

    @OnError
    public void error(Session session, Throwable error) {
        lifecycle.error(LOG, "chat", session, error);
    }
}
