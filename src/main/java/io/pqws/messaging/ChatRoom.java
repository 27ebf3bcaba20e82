package io.pqws.messaging;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One chat room: its members, its sequence counter and its recent history.
 *
 * <p>Why events are numbered and queued under the room's lock: every member's {@link Outbox} then receives the
 * room's messages in sequence order, so all members see the same order, while the lock is held only for
 * non-blocking queue operations. Every method returns the members whose queue overflowed; the caller closes them
 * after the lock is released (closing calls back into the room).
 */
final class ChatRoom {

    /** The outcome of a join. */
    enum Admission { JOINED, FULL }

    private final String name;
    private final int historySize;
    private final int maxMembers;
    private final Clock clock;
    private final ChatEventEncoder encoder = new ChatEventEncoder();
    private final List<ChatMember> members = new ArrayList<>(); // guarded by this
    private final ArrayDeque<ChatEvent.Message> history = new ArrayDeque<>(); // guarded by this
    private long seq; // guarded by this

    ChatRoom(String name, int historySize, int maxMembers, Clock clock) {
        this.name = name;
        this.historySize = historySize;
        this.maxMembers = maxMembers;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    /** Adds the member, sends it the welcome (members and history), and tells the others the new presence. */
    synchronized Admission join(ChatMember member, List<ChatMember> tooSlow) {
        if (members.size() >= maxMembers) {
            return Admission.FULL;
        }
        members.add(member);
        offer(member, encoder.encode(new ChatEvent.Welcome(name, member.user(), users(), List.copyOf(history))),
                tooSlow);
        String presence = encoder.encode(new ChatEvent.Presence(name, users(), member.user(), null, clock.instant()));
        for (ChatMember other : members) {
            if (other != member) {
                offer(other, presence, tooSlow);
            }
        }
        return Admission.JOINED;
    }

    /** Numbers, stamps, keeps and sends a message from the member to everyone, the sender included. */
    synchronized void say(ChatMember sender, String text, List<ChatMember> tooSlow) {
        if (!members.contains(sender)) {
            return;
        }
        ChatEvent.Message message = new ChatEvent.Message(name, ++seq, sender.user(), clock.instant(), text);
        if (historySize > 0) {
            if (history.size() == historySize) {
                history.removeFirst();
            }
            history.addLast(message);
        }
        broadcast(message, tooSlow);
    }

    /** Tells the other members that this one is typing. */
    synchronized void typing(ChatMember typist, List<ChatMember> tooSlow) {
        if (!members.contains(typist)) {
            return;
        }
        String json = encoder.encode(new ChatEvent.Typing(name, typist.user()));
        for (ChatMember member : members) {
            if (member != typist) {
                offer(member, json, tooSlow);
            }
        }
    }

    /** Removes the member and tells the others; false when it was not (or no longer) a member. */
    synchronized boolean leave(ChatMember member, List<ChatMember> tooSlow) {
        if (!members.remove(member)) {
            return false;
        }
        List<String> users = users();
        if (!members.isEmpty() && !users.contains(member.user())) {
            broadcast(new ChatEvent.Presence(name, users, null, member.user(), clock.instant()), tooSlow);
        }
        return true;
    }

    /** Distinct users in the room, sorted; a user with two sessions appears once. */
    private List<String> users() {
        return List.copyOf(new TreeSet<>(members.stream().map(ChatMember::user).toList()));
    }

    private void broadcast(ChatEvent event, List<ChatMember> tooSlow) {
        String json = encoder.encode(event);
        for (ChatMember member : members) {
            offer(member, json, tooSlow);
        }
    }

    private static void offer(ChatMember member, String json, List<ChatMember> tooSlow) {
        if (!member.outbox().offer(json)) {
            tooSlow.add(member);
        }
    }
}
