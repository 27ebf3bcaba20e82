package io.pqws.messaging;

import java.security.Principal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.pqws.cluster.FanOut;
import io.pqws.config.PqwsSettings;
import io.pqws.security.Closing;
import io.pqws.security.ModuleCloseCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

/**
 * All chat rooms of the module: joining, speaking and leaving for {@code /chat/{room}} sessions.
 *
 * <p>Rooms exist while they have members (their history with them), at most {@code pqws.chat.max-rooms} at a time,
 * each with at most {@code pqws.chat.max-members} sessions. A member whose outgoing queue overflows is closed with
 * {@link ModuleCloseCode#SLOW_CONSUMER}; the others carry on.
 */
@ApplicationScoped
public class ChatRooms {

    static final String MEMBERSHIP = ChatRooms.class.getName();

    private final Map<String, ChatRoom> rooms = new HashMap<>(); // guarded by itself
    private final ChatCommandDecoder decoder = new ChatCommandDecoder();
    private final Clock clock = Clock.systemUTC();

    @Inject
    private PqwsSettings settings;

    @Inject
    private FanOut fanOut;

    /** Where a session is a member. */
    private record Membership(ChatRoom room, ChatMember member) {
    }

    /** Joins the session to the room, or closes it: 1008 for a bad room name, 4002 full room, 4003 too many rooms. */
    public void join(Session session, String roomName) {
        if (!Names.valid(roomName)) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY, "invalid room name (1-64 letters, digits, . _ -)");
            return;
        }
        Principal principal = session.getUserPrincipal();
        if (principal == null) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY, "not authenticated");
            return;
        }
        ChatMember member = new ChatMember(principal.getName(),
                new Outbox(session, settings.limits().outgoingQueue()));
        ChatRoom.Admission admission;
        ChatRoom room;
        synchronized (rooms) {
            room = rooms.get(roomName);
            if (room == null) {
                if (rooms.size() >= settings.chat().maxRooms()) {
                    Closing.close(session, ModuleCloseCode.TOO_MANY_ROOMS,
                            "too many rooms on this server (max " + settings.chat().maxRooms() + ")");
                    return;
                }
                room = ChatRoom.open(roomName, settings.chat().history(), settings.chat().maxMembers(), clock,
                        fanOut, ChatRooms::closeTooSlow);
                rooms.put(roomName, room);
            }
            admission = room.join(member);
            if (admission == ChatRoom.Admission.JOINED) {
                session.getUserProperties().put(MEMBERSHIP, new Membership(room, member));
            }
        }
        if (admission == ChatRoom.Admission.FULL) {
            Closing.close(session, ModuleCloseCode.ROOM_FULL,
                    "room is full (max " + settings.chat().maxMembers() + " members)");
        }
    }

    /** Handles one text message of a member: 1007 when malformed, 1003 when of an unknown type. */
    public void receive(Session session, String text) {
        if (!(session.getUserProperties().get(MEMBERSHIP) instanceof Membership membership)) {
            return; // closed while the message was in flight
        }
        Optional<ChatCommand> decoded = CommandDecoding.decodeOrClose(decoder, session, text);
        if (decoded.isEmpty()) {
            return; // closed: malformed, or of an unknown type
        }
        ChatCommand command = decoded.get();
        if (command instanceof ChatCommand.Say say) {
            membership.room().say(membership.member(), say.text());
        } else if (command instanceof ChatCommand.Typing) {
            membership.room().typing(membership.member());
        } else if (command instanceof ChatCommand.Leave) {
            leave(session);
            Closing.close(session, CloseCodes.NORMAL_CLOSURE, "left the room");
        }
    }

    /** Removes the session from its room (if any); the room goes when its last member does. */
    public void leave(Session session) {
        if (!(session.getUserProperties().remove(MEMBERSHIP) instanceof Membership membership)) {
            return;
        }
        synchronized (rooms) {
            membership.room().leave(membership.member());
            if (membership.room().isEmpty() && rooms.remove(membership.room().name(), membership.room())) {
                membership.room().close();
            }
        }
    }

    private static void closeTooSlow(ChatMember member) {
        Closing.close(member.session(), ModuleCloseCode.SLOW_CONSUMER,
                "too slow: outgoing queue overflowed, messages were dropped");
    }
}
