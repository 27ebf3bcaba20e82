package io.pqws.cluster;

/**
 * What follows a log on this instance: a chat room, the notification center. Called on the engine's thread, one call
 * at a time per log.
 */
public interface LogFollower {

    /** The entry numbered {@code number}; numbers arrive in increasing order. */
    void entry(long number, String entry);

    /** A signal from another instance (see {@link FanOut#signal}). */
    default void signal(String payload) {
    }

    /** An instance left: users it had present are gone (see {@link FanOut#presentElsewhere}). */
    default void peersChanged() {
    }

    /**
     * Entries {@code from} to {@code to} were dropped before this instance read them (it fell further behind than
     * the log keeps); the next entry is numbered {@code to + 1}.
     */
    default void skipped(long from, long to) {
    }
}
