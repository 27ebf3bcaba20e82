package io.pqws.cluster.jms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.cluster.FanOut;
import io.pqws.cluster.Following;
import io.pqws.cluster.LogFollower;
import io.pqws.cluster.LogFollowers;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;

/**
 * The engine on a Jakarta Messaging topic ({@code pqws.fanout=jms}): every instance publishes to one topic and reads
 * it through its own subscription, on one thread, so it sees every instance's entries, signals and presence.
 *
 * <p>Why numbers per instance: a topic orders the messages of one producer, nothing more; it has no shared counter
 * and keeps no history. So each instance numbers a log's entries in the order its subscription delivers them (gap-free
 * on this instance, the sender's order kept, since an instance sends through one producer), a log lives here while it
 * has followers here (as with {@code local}), and {@link #run()} is this instance's alone: a client that moves to
 * another instance starts over there. A single numbering authority (a queue read by one elected instance, a database
 * sequence) would need an election or a database the module does not have; {@code docs/scale-out.md} says what a
 * client can rely on instead.
 *
 * <p>Presence is announced on the topic; an instance announces itself every heartbeat, and one not heard from for
 * three heartbeats (or that said goodbye) is forgotten, with its presence. Only {@code jakarta.jms} is used; this
 * package is reached only when the engine is chosen ({@link JmsTopic}).
 */
public final class JmsFanOut implements FanOut {

    /** How long {@link #append} waits for its entry to come back from the topic, numbered. */
    static final Duration APPEND_TIMEOUT = Duration.ofSeconds(10);

    private static final String KIND = "pqwsKind";
    private static final String LOG_NAME = "pqwsLog";
    private static final String INSTANCE = "pqwsInstance";
    private static final String APPEND_ID = "pqwsAppend";
    private static final String USER = "pqwsUser";
    private static final String PRESENT = "pqwsPresent";
    private static final Logger LOG = Logger.getLogger(JmsFanOut.class.getName());

    /** What a message on the topic is. */
    private enum Kind {
        ENTRY, SIGNAL, PRESENCE, HELLO, HEARTBEAT, BYE
    }

    /** Another instance: when it was last heard of, and who it has present in which log. */
    private static final class Peer {
        private long lastHeardNanos;
        private final Map<String, Set<String>> present = new HashMap<>();
    }

    private final String self = UUID.randomUUID().toString();
    private final String run = Long.toString(System.currentTimeMillis(), 36)
            + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    private final Duration heartbeat;
    private final JMSContext sending;
    private final JMSContext receiving;
    private final JMSProducer producer;
    private final JMSConsumer consumer;
    private final Topic topic;
    private final Thread reader;
    private final LogFollowers followers = new LogFollowers();
    private final Map<String, Peer> peers = new HashMap<>(); // guarded by itself
    private final Map<String, Set<String>> presentHere = new HashMap<>(); // guarded by itself
    private final Map<String, CompletableFuture<Long>> appends = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Connects to the topic and starts reading it on a thread of {@code threads}.
     *
     * @param heartbeat how often this instance tells the others it is alive; one silent for three is forgotten
     * @throws JMSRuntimeException when the broker cannot be reached
     */
    public JmsFanOut(ConnectionFactory factory, Topic topic, ThreadFactory threads, Duration heartbeat) {
        this.topic = topic;
        this.heartbeat = heartbeat;
        this.receiving = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
            this.consumer = receiving.createConsumer(topic);
            this.sending = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        } catch (RuntimeException e) {
            receiving.close();
            throw e;
        }
        this.producer = sending.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        this.reader = threads.newThread(this::read);
        reader.setName("pqws-jms-fanout");
        reader.setDaemon(true);
        reader.start();
        send(Kind.HELLO, "", "", Map.of());
    }

    @Override
    public String engine() {
        return "jms";
    }

    /** False: a log's numbers, history and notification backlogs are this instance's own (see the class comment). */
    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String run() {
        return run;
    }

    /** The other instances this one currently knows. */
    public int peers() {
        synchronized (peers) {
            return peers.size();
        }
    }

    /** Follows a log from its next entry on this instance: the topic keeps no history, so {@code keep} is unused. */
    @Override
    public Following follow(String log, int keep, LogFollower follower) {
        return followers.follow(log, follower);
    }

    /**
     * Publishes the entry and returns the number this instance gave it when it came back from the topic.
     *
     * @throws IllegalStateException when it did not come back within {@link #APPEND_TIMEOUT}, or when called from a
     *                               follower (on the reading thread, which would wait for itself)
     */
    @Override
    public long append(String log, String entry) {
        if (Thread.currentThread() == reader) {
            throw new IllegalStateException("pqws: a log follower may not append to a log of the jms engine");
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<Long> numbered = new CompletableFuture<>();
        appends.put(id, numbered);
        try {
            send(Kind.ENTRY, log, entry, Map.of(APPEND_ID, id));
            return numbered.get(APPEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to log " + log, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("pqws: an entry of log " + log + " did not come back from the topic within "
                    + APPEND_TIMEOUT.toSeconds() + " s", e);
        } finally {
            appends.remove(id);
        }
    }

    @Override
    public void signal(String log, String payload) {
        send(Kind.SIGNAL, log, payload, Map.of());
    }

    @Override
    public void present(String log, String user, boolean present) {
        synchronized (presentHere) {
            Set<String> users = presentHere.computeIfAbsent(log, name -> new TreeSet<>());
            if (present) {
                users.add(user);
            } else {
                users.remove(user);
                if (users.isEmpty()) {
                    presentHere.remove(log);
                }
            }
            send(Kind.PRESENCE, log, "", Map.of(USER, user, PRESENT, Boolean.toString(present)));
        }
    }

    @Override
    public Set<String> presentElsewhere(String log) {
        Set<String> users = new TreeSet<>();
        synchronized (peers) {
            for (Peer peer : peers.values()) {
                users.addAll(peer.present.getOrDefault(log, Set.of()));
            }
        }
        return users;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            send(Kind.BYE, "", "", Map.of());
        } catch (RuntimeException e) {
            LOG.fine(() -> "pqws: could not say goodbye on the topic: " + e);
        }
        closed = true;
        try {
            reader.join(2 * pollMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        receiving.close();
        sending.close();
        followers.clear();
    }

    private long pollMillis() {
        return Math.max(50, Math.min(1000, heartbeat.toMillis()));
    }

    /** Publishes one message; the producer's context is used by one thread at a time, so this instance's order holds. */
    private void send(Kind kind, String log, String body, Map<String, String> properties) {
        synchronized (producer) {
            producer.setProperty(KIND, kind.name()).setProperty(LOG_NAME, log).setProperty(INSTANCE, self);
            producer.setProperty(APPEND_ID, properties.getOrDefault(APPEND_ID, ""));
            producer.setProperty(USER, properties.getOrDefault(USER, ""));
            producer.setProperty(PRESENT, properties.getOrDefault(PRESENT, ""));
            producer.send(topic, body);
        }
    }

    /** The reading thread: every message of the topic in order, and the heartbeat. */
    private void read() {
        long nextBeat = System.nanoTime();
        boolean failing = false;
        while (!closed) {
            try {
                Message message = consumer.receive(pollMillis());
                if (message != null && !closed) {
                    handle(message);
                }
                long now = System.nanoTime();
                if (now - nextBeat >= 0 && !closed) {
                    send(Kind.HEARTBEAT, "", "", Map.of());
                    nextBeat = now + heartbeat.toNanos();
                }
                forgetSilentPeers(now);
                failing = false;
            } catch (JMSRuntimeException | JMSException e) {
                if (!closed) {
                    if (!failing) {
                        LOG.log(Level.WARNING, "pqws: reading the fan-out topic failed; trying again every {0} ms "
                                + "(logged once until it works again): {1}", new Object[] {pollMillis(), e.toString()});
                    }
                    failing = true;
                    pause();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pqws: a fan-out follower failed", e);
            }
        }
    }

    /** Waits one poll interval after a failure, so that a lost broker is not retried in a busy loop. */
    private void pause() {
        try {
            Thread.sleep(pollMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void handle(Message message) throws JMSException {
        String from = message.getStringProperty(INSTANCE);
        Kind kind = kind(message.getStringProperty(KIND));
        if (kind == null || from == null) {
            LOG.warning(() -> "pqws: ignored a message on the fan-out topic that pqws did not send");
            return;
        }
        String log = message.getStringProperty(LOG_NAME);
        String body = message.getBody(String.class);
        if (kind == Kind.ENTRY) {
            long number = followers.deliverFromOneThread(log, body == null ? "" : body);
            CompletableFuture<Long> numbered = self.equals(from) ? appends.get(message.getStringProperty(APPEND_ID))
                    : null;
            if (numbered != null) {
                numbered.complete(number);
            }
            heardOf(from, kind);
            return;
        }
        if (self.equals(from)) {
            return;
        }
        heardOf(from, kind);
        switch (kind) {
            case SIGNAL -> followers.of(log).forEach(follower -> follower.signal(body));
            case PRESENCE -> {
                synchronized (peers) {
                    Peer peer = peers.get(from);
                    Set<String> users = peer.present.computeIfAbsent(log, name -> new TreeSet<>());
                    if (Boolean.parseBoolean(message.getStringProperty(PRESENT))) {
                        users.add(message.getStringProperty(USER));
                    } else {
                        users.remove(message.getStringProperty(USER));
                    }
                }
            }
            case HELLO -> announcePresence();
            case BYE -> forget(from);
            default -> {
                // a heartbeat: heardOf did it
            }
        }
    }

    private static Kind kind(String name) {
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** Notes that an instance is alive; one not known (new, or forgotten while silent) is asked for its presence. */
    private void heardOf(String instance, Kind kind) {
        if (self.equals(instance) || kind == Kind.BYE) {
            return;
        }
        boolean unknown;
        synchronized (peers) {
            Peer peer = peers.get(instance);
            unknown = peer == null;
            if (unknown) {
                peer = new Peer();
                peers.put(instance, peer);
            }
            peer.lastHeardNanos = System.nanoTime();
        }
        if (unknown && kind != Kind.HELLO) {
            send(Kind.HELLO, "", "", Map.of());
        }
    }

    /** Tells the others who is present here, in answer to a HELLO. */
    private void announcePresence() {
        synchronized (presentHere) {
            presentHere.forEach((log, users) -> users.forEach(user ->
                    send(Kind.PRESENCE, log, "", Map.of(USER, user, PRESENT, "true"))));
        }
    }

    private void forgetSilentPeers(long now) {
        List<String> silent = new ArrayList<>();
        synchronized (peers) {
            peers.forEach((instance, peer) -> {
                if (now - peer.lastHeardNanos > 3 * heartbeat.toNanos()) {
                    silent.add(instance);
                }
            });
        }
        silent.forEach(this::forget);
    }

    /** Forgets an instance that left or fell silent, with its presence, and lets the followers see who is gone. */
    private void forget(String instance) {
        synchronized (peers) {
            if (peers.remove(instance) == null) {
                return;
            }
        }
        followers.all().forEach(LogFollower::peersChanged);
        LOG.info(() -> "pqws: instance " + instance + " left the fan-out topic; " + peers() + " other(s) remain");
    }
}
