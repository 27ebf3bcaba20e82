package io.pqws.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * What the server sends on {@code /chat/{room}}, each as one JSON object whose {@code "type"} names the record.
 * Encoded by {@link ChatEventEncoder}; see {@code docs/messaging.md}.
 */
@JsonbTypeInfo(key = "type", value = {
    @JsonbSubtype(alias = "welcome", type = ChatEvent.Welcome.class),
    @JsonbSubtype(alias = "message", type = ChatEvent.Message.class),
    @JsonbSubtype(alias = "presence", type = ChatEvent.Presence.class),
    @JsonbSubtype(alias = "typing", type = ChatEvent.Typing.class)})
public sealed interface ChatEvent
        permits ChatEvent.Welcome, ChatEvent.Message, ChatEvent.Presence, ChatEvent.Typing {

    /**
     * The first message of a session: who the server says you are, who is in the room, and the room's latest
     * messages, oldest first.
     */
    record Welcome(String room, String you, List<String> members, List<Message> history) implements ChatEvent {
        public Welcome {
            members = List.copyOf(members);
            history = List.copyOf(history);
        }
    }

    /**
     * A chat message, stamped by the server.
     *
     * @param seq    the room's sequence number: consecutive messages of a room have consecutive numbers
     * @param sender the authenticated principal of the session that sent it
     * @param time   when the server accepted it
     */
    record Message(String room, long seq, String sender, Instant time, String text) implements ChatEvent {
    }

    /** Who is in the room now (distinct users, sorted), and who just joined or left. */
    record Presence(String room, List<String> members, String joined, String left, Instant time)
            implements ChatEvent {
        public Presence {
            members = List.copyOf(members);
        }
    }

    /** Someone in the room is typing. */
    record Typing(String room, String sender) implements ChatEvent {
    }
}
