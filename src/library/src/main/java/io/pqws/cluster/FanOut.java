package io.pqws.cluster;

import java.util.Set;

/**
 * How chat rooms and notifications reach every instance of the module: numbered logs that every instance follows in
 * one order, signals that are not kept, and who is present where.
 *
 * <p>Why logs: a room's messages and the notifications must arrive in the same order on every instance, and their
 * numbers must have no gaps, whichever instance a client is connected to. An engine that orders appends in one
 * place (the in-JVM one; Hazelcast's ringbuffer, numbered by its partition owner) gives both, and the tail it keeps
 * is the history a client joining or reconnecting on another instance is served from. A Jakarta Messaging topic
 * cannot order appends in one place: its engine numbers per instance and keeps no tail ({@link #shared()} is false).
 * Chosen by {@code pqws.fanout} ({@link FanOuts}); see {@code docs/scale-out.md}.
 */
public interface FanOut extends AutoCloseable {

    /** The engine's name, as {@code pqws.fanout} spells it. */
    String engine();

    /**
     * True when every instance numbers a log alike, so that a number seen on one instance names the same entry on
     * another (whose view may lag behind); false for one instance, and for the {@code jms} engine, whose numbers are
     * per instance.
     */
    boolean shared();

    /**
     * Names this run of the logs: the same on every instance while the cluster keeps its logs, different after
     * they were lost (a restart of the single instance, or of the whole cluster).
     */
    String run();

    /**
     * Follows a log: first, synchronously, the entries the engine still keeps (at most {@code keep}, oldest first),
     * then every later entry, in number order, until {@link Following#close()}.
     */
    Following follow(String log, int keep, LogFollower follower);

    /**
     * Appends an entry and returns its number: 1, 2, 3, ... without gaps per log. Appends of one thread are numbered
     * in the order made. The followers receive the entry after it is numbered (the in-JVM engine: before this
     * returns).
     */
    long append(String log, String entry);

    /** Tells the followers of the log on the other instances something that is neither numbered nor kept. */
    void signal(String log, String payload);

    /** Records whether the user is present in the log's room on this instance (not counted: present or not). */
    void present(String log, String user, boolean present);

    /** Users present in the log's room on the other instances (none for a single instance). */
    Set<String> presentElsewhere(String log);

    /** Stops following every log; called when the module stops. */
    @Override
    void close();
}
