package io.pqws.messaging;

import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeMap;
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
import jakarta.json.JsonString;

/**
 * One chat room on this instance: its members here, its recent history, and its following of the room's log.
 *
 * <p>Why messages go through the log: the log numbers them, in one order for every instance of a cluster (with the
 * in-JVM engine: this instance), and hands them back to every room that follows it, here included; the room keeps
 * and sends them under its lock, so every member's {@link Outbox} receives them in number order, while the lock is
 * held only for non-blocking queue operations. Presence and typing reach the other instances as signals. Members whose
 * queue overflows are handed to {@code tooSlow} after the lock is released (closing calls back into the room).
 *
 * <p>Presence is told as changes ({@link ChatEvent.Presence}: who joined, who left), each user once however many
 * sessions it has here and elsewhere, so that a join costs the room O(members) work and bytes: the newcomer gets the
 * list in its welcome, the others one change, which a member that is behind gets folded into the change still
 * waiting in its queue ({@link PresenceChange}).
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
    private final TreeMap<String, Integer> sessions = new TreeMap<>(); // guarded by this: open sessions per user here
    private NavigableSet<String> knownUsers = new TreeSet<>(); // guarded by this: users last told to the members
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

    /**
     * Adds the member, sends it the welcome (members and history), and tells the others, here and elsewhere, that
     * its user joined, unless they know the user already (another of its sessions).
     */
    Admission join(ChatMember member) {
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            if (members.size() >= maxMembers) {
                return Admission.FULL;
            }
            members.add(member);
            boolean newHere = sessions.merge(member.user(), 1, Integer::sum) == 1;
            if (newHere) {
                fanOut.present(log, member.user(), true);
            }
            NavigableSet<String> users = users(member, slow);
            offer(member, encoder.encode(new ChatEvent.Welcome(name, member.user(), List.copyOf(users),
                    List.copyOf(history))), slow);
            if (newHere) {
                fanOut.signal(log, encoder.encode(ChatEvent.Presence.joined(name, member.user(), clock.instant())));
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

    /**
     * Presence or typing from another instance. Typing is sent on as it came; of a presence, only the news: not the
     * arrival of a user the members know already (present here, or elsewhere too, or noticed first by
     * {@link #users}), nor the departure of one who is still here or whose departure was announced already.
     */
    @Override
    public void signal(String payload) {
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            JsonObject event;
            try (JsonReader reader = Json.createReader(new StringReader(payload))) {
                event = reader.readObject();
            }
            if (!"presence".equals(event.getString("type", null))) {
                broadcast(payload, slow);
            } else {
                List<String> joined = users(event, "joined").stream().filter(knownUsers::add).toList();
                List<String> left = users(event, "left").stream()
                        .filter(user -> !sessions.containsKey(user) && knownUsers.remove(user)).toList();
                if (!joined.isEmpty() || !left.isEmpty()) {
                    PresenceChange change = PresenceChange.of(new ChatEvent.Presence(name, joined, left,
                            clock.instant()));
                    members.forEach(member -> offer(member, change, slow));
                }
            }
        }
        slow.forEach(tooSlow);
    }

    private static List<String> users(JsonObject presence, String key) {
        return presence.containsKey(key) ? presence.getJsonArray(key).getValuesAs(JsonString::getString) : List.of();
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

    /**
     * Removes the member and, when it was its user's last session here and the user is not present elsewhere either,
     * tells the others; false when it was not (or no longer) a member.
     */
    boolean leave(ChatMember member) {
        List<ChatMember> slow = new ArrayList<>();
        synchronized (this) {
            if (!members.remove(member)) {
                return false;
            }
            if (sessions.computeIfPresent(member.user(), (user, count) -> count == 1 ? null : count - 1) == null) {
                fanOut.present(log, member.user(), false);
                if (!users(null, slow).contains(member.user())) {
                    fanOut.signal(log, encoder.encode(ChatEvent.Presence.left(name, member.user(),
                            clock.instant())));
                }
            }
        }
        slow.forEach(tooSlow);
        return true;
    }

    /**
     * Distinct users in the room on every instance, sorted; a user with two sessions appears once. Whatever changed
     * since the members were last told is announced to them (all but {@code newcomer}, who is told the users in its
     * welcome), one {@code joined} or {@code left} per user: whichever looks at the presence first notices a change,
     * a join or a leave here, or the news that an instance was lost, announces it, and the same news from elsewhere
     * that comes later is not sent again ({@link #signal}).
     *
     * <p>Both sets are sorted, so they are compared in one pass: O(users), as is building {@code now} from the
     * sorted keys of {@code sessions}.
     */
    private NavigableSet<String> users(ChatMember newcomer, List<ChatMember> slow) {
        NavigableSet<String> now = new TreeSet<>(sessions.navigableKeySet());
        now.addAll(fanOut.presentElsewhere(log));
        Iterator<String> before = knownUsers.iterator();
        Iterator<String> after = now.iterator();
        String was = before.hasNext() ? before.next() : null;
        String is = after.hasNext() ? after.next() : null;
        while (was != null || is != null) {
            int order = was == null ? 1 : is == null ? -1 : was.compareTo(is);
            if (order < 0) {
                announce(ChatEvent.Presence.left(name, was, clock.instant()), newcomer, slow);
            } else if (order > 0) {
                announce(ChatEvent.Presence.joined(name, is, clock.instant()), newcomer, slow);
            }
            if (order <= 0) {
                was = before.hasNext() ? before.next() : null;
            }
            if (order >= 0) {
                is = after.hasNext() ? after.next() : null;
            }
        }
        knownUsers = now;
        return now;
    }

    private void announce(ChatEvent.Presence presence, ChatMember newcomer, List<ChatMember> slow) {
        PresenceChange change = PresenceChange.of(presence);
        for (ChatMember member : members) {
            if (member != newcomer) {
                offer(member, change, slow);
            }
        }
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

    private static void offer(ChatMember member, PresenceChange change, List<ChatMember> slow) {
        if (!member.outbox().offer(change)) {
            slow.add(member);
        }
    }
}
