package com.example.portal;

import java.nio.ByteBuffer;
import java.util.logging.Logger;

import io.pqws.config.LimitSettings;
import io.pqws.lifecycle.EndpointLifecycle;
import io.pqws.metrics.MeteredEndpoint;
import io.pqws.security.HandshakeConfigurator;
import io.pqws.tls.SessionTlsFacts;
import io.pqws.tls.TlsFacts;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /desk}: the portal's service desk. It greets every visitor with what their own connection negotiated, and
 * hands every text message to the {@link ShiftBoard} as an announcement for the signed-in staff, answering
 * {@code announced}, or {@code refused} with the reason (an announcement is at most 4,000 characters).
 *
 * <p>What makes it a pqws endpoint: {@link HandshakeConfigurator} (the origin check, and the TLS facts of the
 * handshake), {@link EndpointLifecycle} (the facts attached, the limits applied) and {@link MeteredEndpoint} (its
 * counters in the portal's {@code /rest/metrics}). Everything else is the portal's own.
 */
@MeteredEndpoint
@ServerEndpoint(value = "/desk", configurator = HandshakeConfigurator.class)
public class DeskEndpoint {

    private static final Logger LOG = Logger.getLogger(DeskEndpoint.class.getName());

    @Inject
    private EndpointLifecycle lifecycle;

    @Inject
    private ShiftBoard board;

    @OnOpen
    public void open(Session session) {
        lifecycle.open(session, () -> session.getAsyncRemote().sendText(welcome(SessionTlsFacts.of(session))));
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void text(Session session, String text) {
        lifecycle.text(session, text,
                (admitted, announcement) -> admitted.getAsyncRemote().sendText(reply(announcement)));
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public void binary(Session session, ByteBuffer data) {
        lifecycle.binary(session, data);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        lifecycle.close(session, left -> { });
    }

    @OnError
    public void error(Session session, Throwable error) {
        lifecycle.error(LOG, "desk", session, error);
    }

    /** {@code announced} once the board took it; {@code refused} with the board's reason if it did not. */
    private String reply(String announcement) {
        try {
            board.announce(announcement);
            return Json.createObjectBuilder().add("type", "announced").add("text", announcement).build().toString();
        } catch (IllegalArgumentException refused) {
            return Json.createObjectBuilder().add("type", "refused").add("reason", refused.getMessage()).build()
                    .toString();
        }
    }

    private static String welcome(TlsFacts tls) {
        var message = Json.createObjectBuilder().add("type", "welcome").add("secure", tls.secure())
                .add("quantumSafe", tls.hybridPostQuantum());
        if (tls.namedGroup() != null) {
            message.add("namedGroup", tls.namedGroup());
        } else {
            message.addNull("namedGroup");
        }
        return message.build().toString();
    }
}
