package io.pqws.endpoint;

import java.nio.ByteBuffer;
import java.util.logging.Logger;

import io.pqws.config.LimitSettings;
import io.pqws.lifecycle.EndpointLifecycle;
import io.pqws.messaging.NotificationCenter;
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
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /notifications[?lastSeenId=ID]}: server push for an authenticated user, of notifications addressed to the
 * user, to one of the user's roles, or to a topic the user subscribed to. The endpoint only wires the session to
 * {@link EndpointLifecycle} (TLS facts, limits) and {@link NotificationCenter} (everything else).
 *
 * <p>{@code @Dependent} makes it a CDI bean under {@code bean-discovery-mode="annotated"}: Open Liberty injects
 * only endpoints that are beans and creates any other with {@code new}, leaving its {@code @Inject} fields null.
 */
@Dependent
@MeteredEndpoint
@ServerEndpoint(value = "/notifications", subprotocols = TicketCarrier.SUBPROTOCOL,
        configurator = HandshakeConfigurator.class)
public class NotificationEndpoint {

    private static final Logger LOG = Logger.getLogger(NotificationEndpoint.class.getName());

    @Inject
    private EndpointLifecycle lifecycle;

    @Inject
    private NotificationCenter center;

    @OnOpen
    public void open(Session session) {
        lifecycle.open(session, () -> center.connect(session));
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void text(Session session, String text) {
        lifecycle.text(session, text, center::receive);
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void binary(Session session, ByteBuffer data) {
        lifecycle.binary(session, data);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        lifecycle.close(session, center::disconnect);
    }

    @OnError
    public void error(Session session, Throwable error) {
        lifecycle.error(LOG, "notification", session, error);
    }
}
