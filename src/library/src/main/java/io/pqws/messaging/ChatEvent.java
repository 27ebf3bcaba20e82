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
     * The first message of a session: who the server says you are, who is in the room (distinct users, sorted; kept
     * up to date by the {@link Presence} events that follow), and the room's latest messages, oldest first.
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

    /**
     * Users who came into the room and users who went, since the last presence this member was sent: two disjoint
     * lists, one of them at least one user long. A user with several sessions comes with the first and goes with the
     * last.
     *
     * <p>Why changes and not the member list: every member is told of every join, so an event that listed the
     * members made a room's joins cost O(members²) bytes. The newcomer gets the list once, in its {@link Welcome},
     * and keeps it by applying these. Why lists: a member that has not taken the previous change yet gets the next
     * ones folded into it ({@link PresenceChange}), so a burst of joins reaches it as a few events, not one each.
     */
    record Presence(String room, List<String> joined, List<String> left, Instant time) implements ChatEvent {
        public Presence {
            joined = List.copyOf(joined);
            left = List.copyOf(left);
            if (joined.stream().anyMatch(left::contains)) {
                throw new IllegalArgumentException("a user cannot both join and leave in one presence: " + joined
                        + " / " + left);
            }
        }

        static Presence joined(String room, String user, Instant time) {
            return new Presence(room, List.of(user), List.of(), time);
        }

        static Presence left(String room, String user, Instant time) {
            return new Presence(room, List.of(), List.of(user), time);
        }
    }

    /** Someone in the room is typing. */
    record Typing(String room, String sender) implements ChatEvent {
    }
}
