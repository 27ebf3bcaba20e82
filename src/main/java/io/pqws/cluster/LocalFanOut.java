package io.pqws.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The single-instance engine ({@code pqws.fanout=local}, the default): logs in this JVM's memory, delivered to their
 * followers inside {@link #append}, so that the order of appends is the order of delivery.
 *
 * <p>A log lives while it has followers: a chat room that empties starts again from 1, as a single server always did.
 * It keeps no entries: a follower that arrives later starts at the next one.
 */
public final class LocalFanOut implements FanOut {

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Map<String, Log> logs = new HashMap<>(); // guarded by itself

    /** One log: its last number and its followers; appends and deliveries hold its lock. */
    private static final class Log {
        private long last;
        private final List<LogFollower> followers = new ArrayList<>();
    }

    @Override
    public String engine() {
        return "local";
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String run() {
        return run;
    }

    @Override
    public Following follow(String log, int keep, LogFollower follower) {
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

    @Override
    public long append(String log, String entry) {
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

    @Override
    public void signal(String log, String payload) {
        // no other instance
    }

    @Override
    public void present(String log, String user, boolean present) {
        // the room itself knows its members on this instance
    }

    @Override
    public Set<String> presentElsewhere(String log) {
        return Set.of();
    }

    @Override
    public void close() {
        synchronized (logs) {
            logs.clear();
        }
    }
}
