package com.example.portal;

import java.nio.ByteBuffer;
import java.util.logging.Logger;

import io.pqws.config.LimitSettings;
import io.pqws.lifecycle.EndpointLifecycle;
import io.pqws.messaging.NotificationCenter;
import io.pqws.metrics.MeteredEndpoint;
import io.pqws.security.HandshakeConfigurator;
import io.pqws.security.TicketCarrier;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /alerts}: server push of the portal's notifications to a signed-in member of staff (client certificate or
 * connection ticket; web.xml requires the role). The library's {@link NotificationCenter} does the work: addressing
 * by user, role or topic, the per-user backlog, resuming from the last seen id.
 */
@MeteredEndpoint
@ServerEndpoint(value = "/alerts", subprotocols = TicketCarrier.SUBPROTOCOL,
        configurator = HandshakeConfigurator.class)
public class AlertsEndpoint {

    private static final Logger LOG = Logger.getLogger(AlertsEndpoint.class.getName());

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
        lifecycle.error(LOG, "alerts", session, error);
    }
}
