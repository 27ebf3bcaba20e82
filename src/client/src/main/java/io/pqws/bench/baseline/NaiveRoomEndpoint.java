package io.pqws.bench.baseline;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /naive/{room}?user=NAME}: a chat room as a Jakarta developer writes it without pqws. Each {@code say} is
 * stamped and encoded once, then sent to every open session of the room with
 * {@code getAsyncRemote().sendText}: no authentication, no limits, no bounded queue, no slow-consumer protection.
 *
 * <p>Why it speaks pqws's chat protocol (a {@code welcome} first, {@code message} events with {@code seq},
 * {@code sender}, {@code time} and {@code text}): the benchmark drives it with the same client as pqws's room, so the
 * two are measured alike.
 */
@ServerEndpoint("/naive/{room}")
public class NaiveRoomEndpoint {

    @Inject
    private RoomSequences sequences;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        session.getAsyncRemote().sendText(Json.createObjectBuilder().add("type", "welcome").add("room", room)
                .add("you", user(session)).build().toString());
    }

    @OnMessage
    public void say(Session session, String text, @PathParam("room") String room) {
        String said;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            said = reader.readObject().getString("text");
        }
        JsonObject message = Json.createObjectBuilder().add("type", "message").add("room", room)
                .add("seq", sequences.next(room)).add("sender", user(session))
                .add("time", Instant.now().toString()).add("text", said).build();
        String json = message.toString();
        for (Session peer : session.getOpenSessions()) {
            if (room.equals(peer.getPathParameters().get("room"))) {
                peer.getAsyncRemote().sendText(json);
            }
        }
    }

    private static String user(Session session) {
        List<String> user = session.getRequestParameterMap().get("user");
        return user == null || user.isEmpty() ? session.getId() : user.get(0);
    }
}
