package io.pqws.messaging;

import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.Logger;

import io.pqws.cluster.FanOut;
import io.pqws.cluster.FanOuts;
import io.pqws.cluster.Following;
import io.pqws.cluster.LogFollower;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * One chat room on this instance: its members here, its recent history, and its following of the room's log.
 *
 * <p>Why messages go through the log: the log numbers them, in one order for every instance of a cluster (with the
 * in-JVM engine: this instance), and hands them back to every room that follows it, here included; the room keeps
 * and sends them under its lock, so every member's {@link Outbox} receives them in number order, while the lock is
 * held only for non-blocking queue operations. Presence and typing reach the other instances as signals. Members whose
 * queue overflows are handed to {@code tooSlow} after the lock is released (closing calls back into the room).
 */
final class ChatRoom implements LogFollower {

    /** The outcome of a join. */
    enum Admission { JOINED, FULL }

    private static final Logger LOG = Logger.getLogger(ChatRoom.class.getName());

    private final String name;
    private final String log;
    private final int historySize;
    private final int maxMembers;
    private final Clock clock;
    private final FanOut fanOut;
    private final Consumer<ChatMember> tooSlow;
    private final ChatEventEncoder encoder = new ChatEventEncoder();
    private final List<ChatMember> members = new ArrayList<>(); // guarded by this
    private final ArrayDeque<ChatEvent.Message> history = new ArrayDeque<>(); // guarded by this
    private final Set<String> knownUsers = new TreeSet<>(); // guarded by this: users last told to the members
    private Following following;

    private ChatRoom(String name, int historySize, int maxMembers, Clock clock, FanOut fanOut,
            Consumer<ChatMember> tooSlow) {
        this.name = name;
        this.log = FanOuts.chatLog(name);
        this.historySize = historySize;
        this.maxMembers = maxMembers;
        this.clock = clock;
        this.fanOut = fanOut;
        this.tooSlow = tooSlow;
    }

    /** A room that follows its log: it starts with the history the log still keeps. */
    static ChatRoom open(String name, int historySize, int maxMembers, Clock clock, FanOut fanOut,
            Consumer<ChatMember> tooSlow) {
        ChatRoom room = new ChatRoom(name, historySize, maxMembers, clock, fanOut, tooSlow);
        room.following = fanOut.follow(room.log, historySize, room);
        return room;
    }

    String name() {
        return name;
    }

    synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    /** Stops following the log; the room is empty here. */
    void close() {
        following.close();
    }

    /** Adds the member, sends it the welcome (members and history), and tells the others the new presence. */
    Admission join(ChatMember member) {
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            if (members.size() >= maxMembers) {
                return Admission.FULL;
            }
            boolean newHere = !localUsers().contains(member.user());
            members.add(member);
            if (newHere) {
                fanOut.present(log, member.user(), true);
            }
            List<String> users = users(member, slow);
            offer(member, encoder.encode(new ChatEvent.Welcome(name, member.user(), users, List.copyOf(history))),
                    slow);
            String presence = encoder.encode(new ChatEvent.Presence(name, users, member.user(), null,
                    clock.instant()));
            for (ChatMember other : members) {
                if (other != member) {
                    offer(other, presence, slow);
                }
            }
            if (newHere) {
                fanOut.signal(log, presence);
            }
        }
        slow.forEach(tooSlow);
        return Admission.JOINED;
    }

    /** Hands a message from the member to the room's log, which numbers it and brings it back to every room. */
    void say(ChatMember sender, String text) {
        synchronized (this) {
            if (!members.contains(sender)) {
                return;
            }
        }
        fanOut.append(log, new ChatLogEntry(sender.user(), clock.instant(), text).toJson());
    }

    /** A numbered message from the log: kept and sent to every member here, the sender included. */
    @Override
    public void entry(long number, String entry) {
        ChatLogEntry logged = ChatLogEntry.parse(entry);
        ChatEvent.Message message = new ChatEvent.Message(name, number, logged.sender(), logged.time(), logged.text());
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            if (historySize > 0) {
                if (history.size() == historySize) {
                    history.removeFirst();
                }
                history.addLast(message);
            }
            broadcast(encoder.encode(message), slow);
        }
        slow.forEach(tooSlow);
    }

    /** Presence or typing from another instance, sent on as it came, but a departure already announced here. */
    @Override
    public void signal(String payload) {
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            try (JsonReader reader = Json.createReader(new StringReader(payload))) {
                JsonObject event = reader.readObject();
                if (event.containsKey("joined") && !event.isNull("joined")) {
                    knownUsers.add(event.getString("joined"));
                }
                if (event.containsKey("left") && !event.isNull("left")
                        && !knownUsers.remove(event.getString("left"))) {
                    return; // this room already announced that departure itself
                }
            }
            broadcast(payload, slow);
        }
        slow.forEach(tooSlow);
    }

    /** An instance left: its users are gone unless they are present elsewhere. */
    @Override
    public void peersChanged() {
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            users(null, slow);
        }
        slow.forEach(tooSlow);
    }

    @Override
    public void skipped(long from, long to) {
        LOG.warning(() -> "pqws: chat room " + name + " on this instance missed messages " + from + " to " + to);
    }

    /** Tells the other members, here and elsewhere, that this one is typing. */
    void typing(ChatMember typist) {
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            if (!members.contains(typist)) {
                return;
            }
            String json = encoder.encode(new ChatEvent.Typing(name, typist.user()));
            for (ChatMember member : members) {
                if (member != typist) {
                    offer(member, json, slow);
                }
            }
            fanOut.signal(log, json);
        }
        slow.forEach(tooSlow);
    }

    /** Removes the member and tells the others; false when it was not (or no longer) a member. */
    boolean leave(ChatMember member) {
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            if (!members.remove(member)) {
                return false;
            }
            if (!localUsers().contains(member.user())) {
                fanOut.present(log, member.user(), false);
                List<String> users = users(null, slow);
                if (!users.contains(member.user())) {
                    fanOut.signal(log, encoder.encode(new ChatEvent.Presence(name, users, null, member.user(),
                            clock.instant())));
                }
            }
        }
        slow.forEach(tooSlow);
        return true;
    }

    /**
     * Distinct users in the room on every instance, sorted; a user with two sessions appears once. Every user the
     * members were told of and who is gone now is announced to them (all but {@code newcomer}, who is told the users
     * in its welcome): whichever look at the presence first notices a departure, a leave here, a join, or the news
     * that an instance was lost, announces it, and a goodbye from elsewhere that comes later is not sent again.
     */
    private List<String> users(ChatMember newcomer, List<ChatMember> slow) {
        Set<String> now = localUsers();
        now.addAll(fanOut.presentElsewhere(log));
        List<String> users = List.copyOf(now);
        for (String user : knownUsers) {
            if (!now.contains(user)) {
                String gone = encoder.encode(new ChatEvent.Presence(name, users, null, user, clock.instant()));
                for (ChatMember member : members) {
                    if (member != newcomer) {
                        offer(member, gone, slow);
                    }
                }
            }
        }
        knownUsers.clear();
        knownUsers.addAll(now);
        return users;
    }

    private Set<String> localUsers() {
        Set<String> users = new TreeSet<>();
        members.forEach(m -> users.add(m.user()));
        return users;
    }

    private void broadcast(String json, List<ChatMember> slow) {
        for (ChatMember member : members) {
            offer(member, json, slow);
        }
    }

    private static void offer(ChatMember member, String json, List<ChatMember> slow) {
        if (!member.outbox().offer(json)) {
            slow.add(member);
        }
    }
}
