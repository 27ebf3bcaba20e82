package io.pqws.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logs of an engine that numbers entries on this instance itself ({@code local}, {@code jms}): each log's last
 * number and its followers here. Why one class: both engines must agree on when a log ends (with its last follower,
 * so that a room that empties starts again from 1, as a single server always did) and on handing every entry to
 * every follower of its log.
 *
 * <p>Locks: the map of logs, then a log's own lock, always in that order.
 */
public final class LogFollowers {

    private final Map<String, Log> logs = new HashMap<>(); // guarded by itself

    /** One log: its last number and its followers, guarded by its lock. */
    private static final class Log {
        private long last;
        private final List<LogFollower> followers = new ArrayList<>();
    }

    /** Adds a follower to the log (which starts when it has none); closing the following removes it again. */
    public Following follow(String log, LogFollower follower) {
        Log state;
        synchronized (logs) {
            state = logs.computeIfAbsent(log, name -> new Log());
            synchronized (state) {
                state.followers.add(follower);
            }
        }
        return () -> {
            synchronized (logs) {
                synchronized (state) {
                    state.followers.remove(follower);
                    if (state.followers.isEmpty()) {
                        logs.remove(log, state);
                    }
                }
            }
        };
    }

    /**
     * Numbers the entry and hands it to the log's followers while holding the log's lock, for callers on any thread:
     * entries numbered by concurrent callers reach every follower in number order.
     *
     * @return the entry's number
     */
    public long deliverFromAnyThread(String log, String entry) {
        Log state;
        synchronized (logs) {
            state = logs.computeIfAbsent(log, name -> new Log());
        }
        long number;
        synchronized (state) {
            number = ++state.last;
            for (LogFollower follower : List.copyOf(state.followers)) {
                follower.entry(number, entry);
            }
        }
        synchronized (logs) { // locks in the order follow() takes them
            synchronized (state) {
                if (state.followers.isEmpty()) {
                    logs.remove(log, state);
                }
            }
        }
        return number;
    }

    /**
     * Numbers the entry and hands it to the log's followers without a lock held, for a caller that is the only one
     * delivering (its one thread keeps the followers in order): a follower may stop following from its callback.
     *
     * @return the entry's number
     */
    public long deliverFromOneThread(String log, String entry) {
        long number;
        List<LogFollower> followers;
        synchronized (logs) {
            Log state = logs.computeIfAbsent(log, name -> new Log());
            synchronized (state) {
                number = ++state.last;
                followers = List.copyOf(state.followers);
                if (followers.isEmpty()) {
                    logs.remove(log, state);
                }
            }
        }
        followers.forEach(follower -> follower.entry(number, entry));
        return number;
    }

    /** The log's followers now (none when the log has ended). */
    public List<LogFollower> of(String log) {
        synchronized (logs) {
            Log state = logs.get(log);
            if (state == null) {
                return List.of();
            }
            synchronized (state) {
                return List.copyOf(state.followers);
            }
        }
    }

    /** The followers of every log now. */
    public List<LogFollower> all() {
        List<LogFollower> all = new ArrayList<>();
        synchronized (logs) {
            for (Log state : logs.values()) {
                synchronized (state) {
                    all.addAll(state.followers);
                }
            }
        }
        return all;
    }

    /** Ends every log; called when the engine closes. */
    public void clear() {
        synchronized (logs) {
            logs.clear();
        }
    }
}
