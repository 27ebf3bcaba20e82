package io.pqws.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.websocket.Session;

/**
 * One user's notification state: the bounded backlog for reconnecting clients, the topics the user subscribed to,
 * and the user's open sessions. Not thread-safe: {@link NotificationCenter} guards all inboxes with one lock.
 */
final class Inbox {

    /** A kept notification, already encoded. */
    record Entry(long seq, String json) {
    }

    /**
     * What a reconnecting client receives.
     *
     * @param missedReason why the replay is incomplete ({@link NotificationCenter#BACKLOG_OVERFLOW},
     *                     {@link NotificationCenter#UNKNOWN_ID}), or null when it is complete
     * @param entries      the kept notifications after the client's last seen one, oldest first
     */
    record Replay(String missedReason, List<Entry> entries) {
    }

    private final String user;
    private final int capacity;
    private final long trackedAfter;
    private final ArrayDeque<Entry> backlog = new ArrayDeque<>();
    private final Set<String> topics = new TreeSet<>();
    private final Map<Session, Outbox> sessions = new LinkedHashMap<>();
    private long droppedUpTo;

    /**
     * @param trackedAfter the last sequence number issued before this inbox existed: anything up to it may have been
     *                     addressed to the user while nobody kept it
     */
    Inbox(String user, int capacity, long trackedAfter) {
        this.user = user;
        this.capacity = capacity;
        this.trackedAfter = trackedAfter;
    }

    String user() {
        return user;
    }

    Set<String> topics() {
        return topics;
    }

    Map<Session, Outbox> sessions() {
        return sessions;
    }

    /** Keeps a notification, dropping the oldest one when the backlog is full. */
    void keep(long seq, String json) {
        if (backlog.size() == capacity) {
            droppedUpTo = backlog.removeFirst().seq();
        }
        backlog.addLast(new Entry(seq, json));
    }

    /** The replay for a client whose last seen notification is {@code lastSeen}, in run {@code run}. */
    Replay replayAfter(NotificationId lastSeen, String run, long lastIssued) {
        if (!lastSeen.run().equals(run) || lastSeen.seq() > lastIssued) {
            return new Replay(NotificationCenter.UNKNOWN_ID, List.copyOf(backlog));
        }
        List<Entry> after = new ArrayList<>();
        for (Entry entry : backlog) {
            if (entry.seq() > lastSeen.seq()) {
                after.add(entry);
            }
        }
        boolean lost = lastSeen.seq() < Math.max(droppedUpTo, trackedAfter);
        return new Replay(lost ? NotificationCenter.BACKLOG_OVERFLOW : null, after);
    }
}
