package io.pqws.cluster;

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
    private final LogFollowers followers = new LogFollowers();

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
        return followers.follow(log, follower);
    }

    @Override
    public long append(String log, String entry) {
        return followers.deliverFromAnyThread(log, entry);
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
        followers.clear();
    }
}
