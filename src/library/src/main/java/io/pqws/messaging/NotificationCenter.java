package io.pqws.messaging;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.cluster.FanOut;
import io.pqws.cluster.FanOuts;
import io.pqws.cluster.Following;
import io.pqws.cluster.LogFollower;
import io.pqws.config.PqwsSettings;
import io.pqws.security.Closing;
import io.pqws.security.ModuleCloseCode;
import io.pqws.security.ModuleRoles;
import io.pqws.security.RoleMapping;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

/**
 * Routes notifications to users, roles and topics, keeps each user's bounded backlog, and serves the
 * {@code /notifications} sessions.
 *
 * <p>Publishing: other code of the application fires {@link PublishNotification} as a CDI event (observed here),
 * other parts of a portal {@code POST} it to {@code /api/notifications}. A notification for a user goes to that
 * user; for a role, to every tracked user with the role plus every user the role mapping names; for a topic, to
 * every user who subscribed to it. Each recipient keeps it in a backlog of {@code pqws.notifications.backlog}
 * entries and gets it on every open session, through the session's bounded {@link Outbox}.
 *
 * <p>Publishing and (un)subscribing go through the notification log of the {@link FanOut}: the log numbers them (the
 * number is the id's sequence) and every instance applies them in that order to its inboxes, so with a shared engine
 * every instance keeps the same backlogs and topics and a client may resume on any of them.
 *
 * <p>One lock guards all inboxes: publishing touches many of them, and under the lock there are only non-blocking
 * queue operations.
 */
@ApplicationScoped
public class NotificationCenter implements LogFollower {

    /** {@link NotificationEvent.Missed} reason: the backlog dropped notifications the client did not see. */
    public static final String BACKLOG_OVERFLOW = "backlog-overflow";
    /** {@link NotificationEvent.Missed} reason: the id is not from this server run. */
    public static final String UNKNOWN_ID = "unknown-id";
    /** The query parameter a reconnecting client passes its last seen notification id in. */
    public static final String LAST_SEEN_PARAMETER = "lastSeenId";

    static final String SUBSCRIBER = NotificationCenter.class.getName();
    private static final Logger LOG = Logger.getLogger(NotificationCenter.class.getName());

    /** How long a resuming client's id may be ahead of this instance's copy of the log (a shared engine). */
    private static final long CATCH_UP_MILLIS = 5_000;

    private final Object lock = new Object();
    /** Access-ordered, so the least recently active user comes first when one must be forgotten. */
    private final Map<String, Inbox> inboxes = new LinkedHashMap<>(16, 0.75f, true); // guarded by lock
    private final NotificationEventEncoder encoder = new NotificationEventEncoder();
    private final NotificationCommandDecoder decoder = new NotificationCommandDecoder();
    private final Clock clock = Clock.systemUTC();
    private long seq; // guarded by lock: the last entry of the log applied here
    private String run;
    private Following following;

    @Inject
    private PqwsSettings settings;

    @Inject
    private RoleMapping roles;

    @Inject
    private FanOut fanOut;

    /** Follows the notification log from what it still keeps, so that this instance can serve resuming clients. */
    @PostConstruct
    void start() {
        run = fanOut.run();
        following = fanOut.follow(FanOuts.NOTIFICATION_LOG, FanOuts.NOTIFICATION_LOG_CAPACITY, this);
    }

    /** Starts following the log when the module starts, not with the first session. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.fine(() -> "pqws: notifications follow the " + fanOut.engine() + " log");
    }

    @PreDestroy
    void stop() {
        following.close();
    }

    /** A session's subscription: its user and outbox. */
    private record Subscriber(String user, Outbox outbox) {
    }

    /** Publishes a notification fired as a CDI event by other code of the application. */
    void onPublish(@Observes PublishNotification request) {
        publish(request);
    }

    /** Publishes a notification and returns it with its id. */
    public NotificationEvent.Notification publish(PublishNotification request) {
        NotificationLogEntry.Published entry = new NotificationLogEntry.Published(clock.instant(), request);
        long number = fanOut.append(FanOuts.NOTIFICATION_LOG, entry.toJson());
        return notification(number, entry);
    }

    /**
     * Applies one entry of the notification log: a notification to deliver and keep, a change of topics, or a user who
     * connected on another instance (kept from then on here too).
     */
    @Override
    public void entry(long number, String text) {
        NotificationLogEntry entry = NotificationLogEntry.parse(text);
        List<Session> tooSlow = new ArrayList<>();
        synchronized (lock) {
            seq = number;
            if (entry instanceof NotificationLogEntry.Published published) {
                deliver(notification(number, published), published.request(), tooSlow);
            } else if (entry instanceof NotificationLogEntry.Topics change) {
                changeTopics(change, tooSlow);
            } else if (entry instanceof NotificationLogEntry.Connected connected) {
                inboxes.computeIfAbsent(connected.user(),
                        u -> new Inbox(u, settings.notifications().backlog(), connected.since()));
                forgetInactiveUsers();
            }
            lock.notifyAll();
        }
        closeTooSlow(tooSlow);
    }

    @Override
    public void skipped(long from, long to) {
        LOG.warning(() -> "pqws: notifications " + run + "-" + from + " to " + run + "-" + to
                + " were dropped before this instance applied them");
    }

    private NotificationEvent.Notification notification(long number, NotificationLogEntry.Published entry) {
        PublishNotification request = entry.request();
        return new NotificationEvent.Notification(new NotificationId(run, number).toString(), entry.time(),
                request.user(), request.role(), request.topic(), request.title(), request.body(), request.data());
    }

    private void deliver(NotificationEvent.Notification notification, PublishNotification request,
            List<Session> tooSlow) {
        String json = encoder.encode(notification);
        List<Inbox> targets = recipients(request);
        for (Inbox inbox : targets) {
            inbox.keep(seq, json);
            inbox.sessions().values().forEach(outbox -> offer(outbox, json, tooSlow));
        }
        forgetInactiveUsers();
        int count = targets.size();
        LOG.log(Level.FINE, () -> "pqws: notification " + notification.id() + " for " + count + " user(s)");
    }

    private void changeTopics(NotificationLogEntry.Topics change, List<Session> tooSlow) {
        Inbox inbox = inbox(change.user());
        Set<String> topics = new LinkedHashSet<>(inbox.topics());
        if (change.subscribe()) {
            topics.addAll(change.topics());
        } else {
            topics.removeAll(change.topics());
        }
        if (topics.size() > settings.notifications().maxTopics()) {
            return; // checked before appending; two instances raced: the later change loses
        }
        inbox.topics().clear();
        inbox.topics().addAll(topics);
        String json = encoder.encode(new NotificationEvent.Subscribed(List.copyOf(inbox.topics())));
        inbox.sessions().values().forEach(outbox -> offer(outbox, json, tooSlow));
    }

    /**
     * Starts serving a {@code /notifications} session: sends {@code ready}, replays what the client missed after
     * its {@value #LAST_SEEN_PARAMETER} (if given), then delivers live. An invalid id closes the session with 1008.
     */
    public void connect(Session session) {
        Principal principal = session.getUserPrincipal();
        if (principal == null) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY, "not authenticated");
            return;
        }
        NotificationId lastSeen;
        try {
            lastSeen = lastSeen(session);
        } catch (IllegalArgumentException e) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY, LAST_SEEN_PARAMETER + " " + e.getMessage());
            return;
        }
        String user = principal.getName();
        Outbox outbox = new Outbox(session, settings.limits().outgoingQueue());
        List<Session> tooSlow = new ArrayList<>();
        long since;
        synchronized (lock) {
            awaitLog(lastSeen);
            since = seq;
            Inbox inbox = inbox(user);
            offer(outbox, encoder.encode(new NotificationEvent.Ready(user, List.copyOf(inbox.topics()),
                    new NotificationId(run, seq).toString())), tooSlow);
            if (lastSeen != null) {
                Inbox.Replay replay = inbox.replayAfter(lastSeen, run, seq);
                if (replay.missedReason() != null) {
                    offer(outbox, encoder.encode(new NotificationEvent.Missed(lastSeen.toString(),
                            replay.missedReason())), tooSlow);
                }
                replay.entries().forEach(entry -> offer(outbox, entry.json(), tooSlow));
            }
            inbox.sessions().put(session, outbox);
            session.getUserProperties().put(SUBSCRIBER, new Subscriber(user, outbox));
            forgetInactiveUsers();
        }
        closeTooSlow(tooSlow);
        if (fanOut.shared()) {
            // the other instances keep the user from the same point on, so the client may resume on any of them
            fanOut.append(FanOuts.NOTIFICATION_LOG, new NotificationLogEntry.Connected(user, since).toJson());
        }
    }

    /** Handles one text message of a session: 1007 when malformed, 1003 for an unknown type. */
    public void receive(Session session, String text) {
        if (!(session.getUserProperties().get(SUBSCRIBER) instanceof Subscriber subscriber)) {
            return;
        }
        Optional<NotificationCommand> decoded = CommandDecoding.decodeOrClose(decoder, session, text);
        if (decoded.isEmpty()) {
            return; // closed: malformed, or of an unknown type
        }
        NotificationCommand command = decoded.get();
        int max = settings.notifications().maxTopics();
        boolean tooManyTopics;
        synchronized (lock) {
            Set<String> topics = new LinkedHashSet<>(inbox(subscriber.user()).topics());
            if (command instanceof NotificationCommand.Subscribe subscribe) {
                topics.addAll(subscribe.topics());
            }
            tooManyTopics = topics.size() > max;
        }
        if (tooManyTopics) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY, "too many topics (max " + max + ")");
        } else if (command instanceof NotificationCommand.Subscribe subscribe) {
            fanOut.append(FanOuts.NOTIFICATION_LOG,
                    new NotificationLogEntry.Topics(subscriber.user(), true, subscribe.topics()).toJson());
        } else if (command instanceof NotificationCommand.Unsubscribe unsubscribe) {
            fanOut.append(FanOuts.NOTIFICATION_LOG,
                    new NotificationLogEntry.Topics(subscriber.user(), false, unsubscribe.topics()).toJson());
        }
    }

    /** Stops delivering to the session; its user's backlog and topics stay. */
    public void disconnect(Session session) {
        if (!(session.getUserProperties().remove(SUBSCRIBER) instanceof Subscriber subscriber)) {
            return;
        }
        synchronized (lock) {
            Inbox inbox = inboxes.get(subscriber.user());
            if (inbox != null) {
                inbox.sessions().remove(session);
            }
        }
    }

    private List<Inbox> recipients(PublishNotification request) {
        List<Inbox> targets = new ArrayList<>();
        if (request.user() != null) {
            targets.add(inbox(request.user()));
        } else if (request.topic() != null) {
            for (Inbox inbox : inboxes.values()) {
                if (inbox.topics().contains(request.topic())) {
                    targets.add(inbox);
                }
            }
        } else {
            Set<String> users = new LinkedHashSet<>();
            for (Inbox inbox : inboxes.values()) {
                if (request.role().equals(ModuleRoles.USER) || roles.rolesOf(inbox.user()).contains(request.role())) {
                    users.add(inbox.user());
                }
            }
            users.addAll(roles.membersOf(request.role()));
            users.forEach(user -> targets.add(inbox(user)));
        }
        return targets;
    }

    private Inbox inbox(String user) {
        return inboxes.computeIfAbsent(user, u -> new Inbox(u, settings.notifications().backlog(), seq));
    }

    /** Keeps at most {@code pqws.notifications.max-users} inboxes, forgetting idle users first. */
    private void forgetInactiveUsers() {
        int excess = inboxes.size() - settings.notifications().maxUsers();
        for (Iterator<Inbox> it = inboxes.values().iterator(); excess > 0 && it.hasNext(); ) {
            if (it.next().sessions().isEmpty()) {
                it.remove();
                excess--;
            }
        }
    }

    /**
     * With a shared engine, a client may resume on this instance with an id another instance applied a moment
     * earlier: wait (boundedly, under the lock, which {@link #entry} releases) until this instance has applied it.
     */
    private void awaitLog(NotificationId lastSeen) {
        if (!fanOut.shared() || lastSeen == null || !lastSeen.run().equals(run)) {
            return;
        }
        long deadline = System.currentTimeMillis() + CATCH_UP_MILLIS;
        try {
            for (long left = CATCH_UP_MILLIS; seq < lastSeen.seq() && left > 0;
                    left = deadline - System.currentTimeMillis()) {
                lock.wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private NotificationId lastSeen(Session session) {
        List<String> values = session.getRequestParameterMap().get(LAST_SEEN_PARAMETER);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            return null;
        }
        return NotificationId.parse(values.get(0));
    }

    private static void offer(Outbox outbox, String json, List<Session> tooSlow) {
        if (!outbox.offer(json)) {
            tooSlow.add(outbox.session());
        }
    }

    private static void closeTooSlow(List<Session> tooSlow) {
        for (Session session : tooSlow) {
            Closing.close(session, ModuleCloseCode.SLOW_CONSUMER,
                    "too slow: outgoing queue overflowed, notifications were dropped");
        }
    }
}
