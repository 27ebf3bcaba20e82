package io.pqws.cluster.hazelcast;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.multimap.MultiMap;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import com.hazelcast.topic.ITopic;

import io.pqws.cluster.FanOut;
import io.pqws.cluster.Following;
import io.pqws.cluster.LogFollower;

/**
 * The engine on the container's Hazelcast data grid ({@code pqws.fanout=hazelcast}): every log is a
 * {@link Ringbuffer}, every signal an {@link ITopic}, presence a {@link MultiMap}.
 *
 * <p>Why a ringbuffer: its sequence is assigned by the member that owns its partition, so appends from every
 * instance get one total order and consecutive numbers (number = sequence + 1); it is replicated synchronously to
 * one backup, so an acknowledged append survives the loss of one member; and its tail is the history a follower
 * reads when it starts. Only strings are stored, so no class of the module ever needs to be loaded by the grid.
 *
 * <p>Callbacks run on the grid's threads with the module's class loader as context class loader (JSON-B and JSON-P
 * find their providers through it). This is the only class that touches Hazelcast; {@code ScaleOutIT} runs it on
 * Payara Micro's own grid and fails if a Payara upgrade changes what it relies on.
 */
public final class HazelcastFanOut implements FanOut {

    /** The ringbuffer of every log: chat rooms' history and the notification log. */
    public static final String LOG_PREFIX = "pqws.log.";
    private static final String SIGNAL_PREFIX = "pqws.signal.";
    private static final String PRESENCE = "pqws.presence";
    private static final String RUNS = "pqws.runs";
    private static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(HazelcastFanOut.class.getName());

    private final HazelcastInstance grid;
    private final ClassLoader moduleLoader;
    private final String self;
    private final String run;
    private final UUID membershipRegistration;
    private final Set<Follow> follows = ConcurrentHashMap.newKeySet();

    /**
     * @param capacities the ringbuffer capacity per log name pattern ({@code pqws.log.chat.*}, ...): how many entries
     *                   each log keeps. Every instance must configure the same ones, or this fails.
     */
    public HazelcastFanOut(HazelcastInstance grid, Map<String, Integer> capacities) {
        this.grid = grid;
        this.moduleLoader = Thread.currentThread().getContextClassLoader();
        this.self = grid.getCluster().getLocalMember().getUuid().toString();
        capacities.forEach((pattern, capacity) -> grid.getConfig().addRingBufferConfig(
                new RingbufferConfig(LOG_PREFIX + pattern).setCapacity(capacity).setBackupCount(1)));
        String mine = Long.toString(System.currentTimeMillis(), 36);
        String existing = grid.<String, String>getMap(RUNS).putIfAbsent("run", mine);
        this.run = existing == null ? mine : existing;
        this.membershipRegistration = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a new instance brings nobody yet
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                withModuleLoader(() -> forget(event.getMember().getUuid().toString()));
            }
        });
    }

    @Override
    public String engine() {
        return "hazelcast";
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public String run() {
        return run;
    }

    /** The members of the grid this instance sees, itself included. */
    public int members() {
        return grid.getCluster().getMembers().size();
    }

    @Override
    public Following follow(String log, int keep, LogFollower follower) {
        Ringbuffer<String> ring = grid.getRingbuffer(LOG_PREFIX + log);
        ITopic<String> topic = grid.getTopic(SIGNAL_PREFIX + log);
        Follow follow = new Follow(log, ring, follower);
        follow.signals = topic.addMessageListener(message -> {
            if (!message.getPublishingMember().localMember()) {
                withModuleLoader(() -> follower.signal(message.getMessageObject()));
            }
        });
        long tail = ring.tailSequence();
        long from = Math.max(ring.headSequence(), tail - keep + 1);
        while (from <= tail) {
            ReadResultSet<String> kept = await(ring.readManyAsync(from, 0,
                    (int) Math.min(follow.batch, tail - from + 1), null));
            for (int i = 0; i < kept.size(); i++) {
                follower.entry(kept.getSequence(i) + 1, kept.get(i));
            }
            from = kept.getNextSequenceToReadFrom();
        }
        follows.add(follow);
        follow.readFrom(tail + 1);
        return follow;
    }

    @Override
    public long append(String log, String entry) {
        return grid.<String>getRingbuffer(LOG_PREFIX + log).add(entry) + 1;
    }

    @Override
    public void signal(String log, String payload) {
        grid.<String>getTopic(SIGNAL_PREFIX + log).publish(payload);
    }

    @Override
    public void present(String log, String user, boolean present) {
        MultiMap<String, String> presence = grid.getMultiMap(PRESENCE);
        if (present) {
            presence.put(log, self + " " + user);
        } else {
            presence.remove(log, self + " " + user);
        }
    }

    /**
     * The users other members have present in the log's room. Only members of the grid count: the entries of an
     * instance that was lost are not yet removed when the survivors first hear of the loss.
     */
    @Override
    public Set<String> presentElsewhere(String log) {
        Set<String> others = new HashSet<>();
        grid.getCluster().getMembers().forEach(m -> others.add(m.getUuid().toString()));
        others.remove(self);
        Set<String> users = new TreeSet<>();
        for (String value : grid.<String, String>getMultiMap(PRESENCE).get(log)) {
            int space = value.indexOf(' ');
            if (space > 0 && others.contains(value.substring(0, space))) {
                users.add(value.substring(space + 1));
            }
        }
        return users;
    }

    @Override
    public void close() {
        List.copyOf(follows).forEach(Follow::close);
        try {
            grid.getCluster().removeMembershipListener(membershipRegistration);
            MultiMap<String, String> presence = grid.getMultiMap(PRESENCE);
            for (String log : presence.keySet()) {
                presence.get(log).stream().filter(v -> v.startsWith(self + " ")).forEach(v -> presence.remove(log, v));
            }
        } catch (HazelcastInstanceNotActiveException e) {
            // the container stopped its grid first
        }
    }

    /** Removes the presence of an instance that left, then lets the followers see who is gone. */
    private void forget(String member) {
        try {
            MultiMap<String, String> presence = grid.getMultiMap(PRESENCE);
            for (String log : presence.keySet()) {
                for (String value : presence.get(log)) {
                    if (value.startsWith(member + " ")) {
                        presence.remove(log, value);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pqws: could not remove the presence of instance {0}: {1}",
                    new Object[] {member, e.toString()});
        }
        for (Follow follow : follows) {
            follow.follower.peersChanged();
        }
        LOG.info(() -> "pqws: instance " + member + " left the cluster; " + members() + " member(s) remain");
    }

    private void withModuleLoader(Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(moduleLoader);
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pqws: a cluster callback failed", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read a log: " + e.getCause(), e.getCause());
        }
    }

    /** One log followed by this instance: a chain of asynchronous reads, each started when the last completed. */
    private final class Follow implements Following {
        private final String log;
        private final Ringbuffer<String> ring;
        private final LogFollower follower;
        private final int batch;
        private volatile UUID signals;
        private volatile boolean closed;

        Follow(String log, Ringbuffer<String> ring, LogFollower follower) {
            this.log = log;
            this.ring = ring;
            this.follower = follower;
            this.batch = (int) Math.min(BATCH, ring.capacity());
        }

        void readFrom(long sequence) {
            if (closed) {
                return;
            }
            ring.readManyAsync(sequence, 1, batch, null).whenComplete((batch, failure) -> withModuleLoader(() -> {
                if (closed) {
                    return;
                }
                if (failure == null) {
                    for (int i = 0; i < batch.size(); i++) {
                        follower.entry(batch.getSequence(i) + 1, batch.get(i));
                    }
                    readFrom(batch.getNextSequenceToReadFrom());
                    return;
                }
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof StaleSequenceException stale) {
                    long head = stale.getHeadSeq();
                    LOG.warning(() -> "pqws: fell behind on log " + log + ": entries " + (sequence + 1) + " to "
                            + head + " were dropped before this instance read them");
                    follower.skipped(sequence + 1, head);
                    readFrom(head);
                } else if (cause instanceof HazelcastInstanceNotActiveException) {
                    closed = true;
                } else {
                    LOG.log(Level.WARNING, "pqws: reading log {0} failed ({1}); reading again",
                            new Object[] {log, cause.toString()});
                    readFrom(sequence);
                }
            }));
        }

        @Override
        public void close() {
            closed = true;
            follows.remove(this);
            UUID registration = signals;
            if (registration != null) {
                try {
                    grid.getTopic(SIGNAL_PREFIX + log).removeMessageListener(registration);
                } catch (HazelcastInstanceNotActiveException e) {
                    // the grid stopped first
                }
            }
        }
    }
}
