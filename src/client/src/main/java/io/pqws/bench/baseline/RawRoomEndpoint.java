package io.pqws.bench.baseline;

import io.pqws.container.TyrusSessionIdleTimer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /raw/{room}}: the WebSocket implementation's own limit. Every text a session sends is already a complete
 * chat {@code message} event, encoded by the sender; the endpoint sends it unchanged to every open session of the
 * room. No parsing, no encoding, no module code but one: like pqws, it switches off the idle-timeout task Tyrus
 * schedules per message ({@link TyrusSessionIdleTimer}), so that what is left is the container's framing, TLS and I/O.
 */
@ServerEndpoint("/raw/{room}")
public class RawRoomEndpoint {

    private static final String WELCOME = "{\"type\":\"welcome\"}";

    @OnOpen
    public void open(Session session) throws ReflectiveOperationException {
        session.setMaxIdleTimeout(-1);
        TyrusSessionIdleTimer timer = new TyrusSessionIdleTimer();
        if (timer.supports(session)) {
            timer.switchOff(session);
        }
        session.getAsyncRemote().sendText(WELCOME);
    }

    @OnMessage
    public void relay(Session session, String text, @PathParam("room") String room) {
        for (Session peer : session.getOpenSessions()) {
            if (room.equals(peer.getPathParameters().get("room"))) {
                peer.getAsyncRemote().sendText(text);
            }
        }
    }
}
