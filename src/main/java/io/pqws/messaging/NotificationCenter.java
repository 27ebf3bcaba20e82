package io.pqws.messaging;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.config.PqwsSettings;
import io.pqws.security.Closing;
import io.pqws.security.ModuleCloseCode;
import io.pqws.security.ModuleRoles;
import io.pqws.security.RoleMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DecodeException;
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
 * <p>One lock guards all inboxes: publishing touches many of them, and under the lock there are only non-blocking
 * queue operations.
 */
@ApplicationScoped
public class NotificationCenter {

    /** {@link NotificationEvent.Missed} reason: the backlog dropped notifications the client did not see. */
    public static final String BACKLOG_OVERFLOW = "backlog-overflow";
    /** {@link NotificationEvent.Missed} reason: the id is not from this server run. */
    public static final String UNKNOWN_ID = "unknown-id";
    /** The query parameter a reconnecting client passes its last seen notification id in. */
    public static final String LAST_SEEN_PARAMETER = "lastSeenId";

    static final String SUBSCRIBER = NotificationCenter.class.getName();
    private static final Logger LOG = Logger.getLogger(NotificationCenter.class.getName());

    private final Object lock = new Object();
    /** Access-ordered, so the least recently active user comes first when one must be forgotten. */
    private final Map<String, Inbox> inboxes = new LinkedHashMap<>(16, 0.75f, true); // guarded by lock
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final NotificationEventEncoder encoder = new NotificationEventEncoder();
    private final NotificationCommandDecoder decoder = new NotificationCommandDecoder();
    private final Clock clock = Clock.systemUTC();
    private long seq; // guarded by lock

    @Inject
    private PqwsSettings settings;

    @Inject
    private RoleMapping roles;

    /** A session's subscription: its user and outbox. */
    private record Subscriber(String user, Outbox outbox) {
    }

    /** Publishes a notification fired as a CDI event by other code of the application. */
    void onPublish(@Observes PublishNotification request) {
        publish(request);
    }

    /** Publishes a notification and returns it with its id. */
    public NotificationEvent.Notification publish(PublishNotification request) {
        List<Session> tooSlow = new ArrayList<>();
        NotificationEvent.Notification notification;
        int recipients;
        synchronized (lock) {
            notification = new NotificationEvent.Notification(new NotificationId(run, ++seq).toString(),
                    clock.instant(), request.user(), request.role(), request.topic(), request.title(), request.body(),
                    request.data());
            String json = encoder.encode(notification);
            List<Inbox> targets = recipients(request);
            for (Inbox inbox : targets) {
                inbox.keep(seq, json);
                inbox.sessions().values().forEach(outbox -> offer(outbox, json, tooSlow));
            }
            recipients = targets.size();
            forgetInactiveUsers();
        }
        closeTooSlow(tooSlow);
        int count = recipients;
        LOG.log(Level.FINE, () -> "pqws: notification " + notification.id() + " for " + count + " user(s)");
        return notification;
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
        synchronized (lock) {
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
    }

    /** Handles one text message of a session: 1007 when malformed, 1003 for an unknown type. */
    public void receive(Session session, String text) {
        if (!(session.getUserProperties().get(SUBSCRIBER) instanceof Subscriber subscriber)) {
            return;
        }
        NotificationCommand command;
        try {
            command = decoder.decode(text);
        } catch (UnsupportedMessageTypeException e) {
            Closing.close(session, CloseCodes.CANNOT_ACCEPT, e.getMessage());
            return;
        } catch (DecodeException e) {
            Closing.close(session, CloseCodes.NOT_CONSISTENT, e.getMessage());
            return;
        }
        int max = settings.notifications().maxTopics();
        List<Session> tooSlow = new ArrayList<>();
        boolean tooManyTopics;
        synchronized (lock) {
            Inbox inbox = inbox(subscriber.user());
            Set<String> topics = new LinkedHashSet<>(inbox.topics());
            if (command instanceof NotificationCommand.Subscribe subscribe) {
                topics.addAll(subscribe.topics());
            } else if (command instanceof NotificationCommand.Unsubscribe unsubscribe) {
                topics.removeAll(unsubscribe.topics());
            }
            tooManyTopics = topics.size() > max;
            if (!tooManyTopics) {
                inbox.topics().clear();
                inbox.topics().addAll(topics);
                String json = encoder.encode(new NotificationEvent.Subscribed(List.copyOf(inbox.topics())));
                inbox.sessions().values().forEach(outbox -> offer(outbox, json, tooSlow));
            }
        }
        if (tooManyTopics) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY, "too many topics (max " + max + ")");
        }
        closeTooSlow(tooSlow);
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
