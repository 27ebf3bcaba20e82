package io.pqws.security;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.pqws.config.LimitSettings;
import io.pqws.config.PqwsSettings;
import io.pqws.container.ContainerIdleTimers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

/**
 * Applies the abuse limits to every WebSocket session of the module: idle timeout, sessions per user, message size
 * (1009) and message rate (1008). Endpoints call {@link #admit} from {@code @OnOpen}, {@link #admitText} or
 * {@link #admitBinary} before handling a message, and {@link #release} from {@code @OnClose}; whoever sends to a
 * session on its own initiative (fan-out) calls {@link #touch}.
 *
 * <p>Why the module reaps idle sessions itself ({@link #closeIdle}, run by {@link IdleReaper}) instead of
 * {@code Session.setMaxIdleTimeout}: Tyrus (Payara) re-arms a timer task for every message in or out and cancels the
 * previous one, and Payara's scheduler keeps cancelled tasks until their delay ends; with the default of 600 s a
 * busy server holds about 280 bytes per message of the last ten minutes (the soak measured 2.9 million tasks, over
 * 800 MiB, at 2,000 sessions; docs/load-and-faults.md). A session created with no timeout can also be closed at once
 * by a zero-delay check that runs late. One sweep over the admitted sessions costs nothing per message. With no
 * timeout Tyrus still schedules a task per message that does nothing; {@link ContainerIdleTimers} stops that.
 *
 * <p>Why checked by the module and not only by {@code @OnMessage(maxMessageSize)}: that annotation takes a constant,
 * while the limit is a setting; the annotation keeps a hard ceiling ({@link LimitSettings#HARD_MAX_MESSAGE_BYTES})
 * above every allowed setting.
 *
 * <p>When the module stops, {@link #closeAll} says goodbye to every admitted session and refuses new ones, so that
 * clients see a close frame (1001) rather than a dropped connection (docs/load-and-faults.md).
 */
@ApplicationScoped
public class SessionGuard {

    static final String STATE = SessionGuard.class.getName();

    private final Map<String, Integer> sessionsPerUser = new ConcurrentHashMap<>();
    private final Set<Session> admitted = ConcurrentHashMap.newKeySet();
    /** Notified whenever a session leaves while {@link #closeAll} waits for them. */
    private final Object released = new Object();
    private volatile CloseReason goingAway;

    @Inject
    private PqwsSettings settings;

    @Inject
    private ContainerIdleTimers idleTimers;

    /** For CDI. */
    public SessionGuard() {
    }

    SessionGuard(PqwsSettings settings) {
        this.settings = settings;
        this.idleTimers = new ContainerIdleTimers();
    }

    /**
     * What {@link #closeAll} did.
     *
     * @param closed     the sessions it sent a close to
     * @param unfinished those whose close the container had not completed ({@code @OnClose}) when the wait ended
     */
    public record Goodbye(int closed, int unfinished) {
    }

    /** Per-session state, in the session's own user properties. */
    private static final class State {
        final RateLimiter rate;
        final String countedUser;
        volatile long lastActivityNanos;

        State(RateLimiter rate, String countedUser, long now) {
            this.rate = rate;
            this.countedUser = countedUser;
            this.lastActivityNanos = now;
        }
    }

    /** Notes that something was sent to the session (it is not idle); harmless for a session not admitted. */
    public static void touch(Session session) {
        if (session.getUserProperties().get(STATE) instanceof State state) {
            state.lastActivityNanos = System.nanoTime();
        }
    }

    /** Closes every admitted session with no message in or out for the idle timeout; returns how many. */
    public int closeIdle(long nowNanos) {
        long timeout = settings.limits().idleTimeout().toNanos();
        int closed = 0;
        for (Session session : admitted) {
            if (!(session.getUserProperties().get(STATE) instanceof State state) || !session.isOpen()) {
                admitted.remove(session);
            } else if (nowNanos - state.lastActivityNanos >= timeout) {
                admitted.remove(session);
                Closing.close(session, CloseCodes.NORMAL_CLOSURE,
                        "idle timeout (nothing sent or received for " + settings.limits().idleTimeout().toSeconds()
                                + " s)");
                closed++;
            }
        }
        return closed;
    }

    /**
     * Closes every admitted session with {@code code} and {@code reason}, and from now on every session that opens,
     * then waits until the container has completed those closes or {@code wait} has passed, whichever comes first: a
     * client that does not answer cannot hold the caller (a stopping server) longer than that. One log line for all,
     * not one per session: a server stopping with thousands of sessions must not flood its log.
     */
    public Goodbye closeAll(CloseReason.CloseCode code, String reason, Duration wait) {
        CloseReason farewell = new CloseReason(code, Closing.trim(reason));
        goingAway = farewell;
        List<Session> open = List.copyOf(admitted);
        for (Session session : open) {
            Closing.closeUnlogged(session, farewell);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            synchronized (released) {
                for (long left = wait.toNanos(); !admitted.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(released, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Goodbye(open.size(), (int) open.stream().filter(admitted::contains).count());
    }

    /**
     * Applies the limits to a session that just opened ({@code @OnOpen}); false when it was refused, and then closed
     * once {@code @OnOpen} has returned ({@link Closing#opening}).
     */
    public boolean admit(Session session) {
        return Closing.opening(session, () -> admitOpening(session));
    }

    private boolean admitOpening(Session session) {
        CloseReason farewell = goingAway;
        if (farewell != null) {
            Closing.close(session, farewell.getCloseCode(), farewell.getReasonPhrase());
            return false;
        }
        LimitSettings limits = settings.limits();
        session.setMaxIdleTimeout(-1); // negative is "no timeout" (Jakarta WebSocket); IdleReaper closes idle sessions
        idleTimers.switchOff(session); // Tyrus still re-arms a timer task per message, at a high price
        session.setMaxTextMessageBufferSize(limits.maxTextBytes());
        session.setMaxBinaryMessageBufferSize(limits.maxBinaryBytes());
        Principal principal = session.getUserPrincipal();
        String user = principal == null ? null : principal.getName();
        long now = System.nanoTime();
        RateLimiter rate = new RateLimiter(limits.messagesPerSecond(), limits.burst(), now);
        session.getUserProperties().put(STATE, new State(rate, user, now));
        admitted.add(session);
        if (user != null && sessionsPerUser.merge(user, 1, Integer::sum) > limits.sessionsPerUser()) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY,
                    "too many sessions for this user (max " + limits.sessionsPerUser() + ")");
            return false;
        }
        return true;
    }

    /**
     * Whether a text message may be handled; otherwise the session has been closed with 1009 or 1008, or it was
     * refused while it opened and its close is on its way.
     */
    public boolean admitText(Session session, String text) {
        if (Closing.refused(session)) {
            return false;
        }
        int bytes = Utf8.length(text);
        int max = settings.limits().maxTextBytes();
        if (bytes > max) {
            Closing.close(session, CloseCodes.TOO_BIG, "text message of " + bytes + " bytes exceeds " + max);
            return false;
        }
        return withinRate(session);
    }

    /**
     * Whether a binary message may be handled; otherwise the session has been closed with 1009 or 1008, or it was
     * refused while it opened and its close is on its way.
     */
    public boolean admitBinary(Session session, ByteBuffer data) {
        if (Closing.refused(session)) {
            return false;
        }
        int bytes = data.remaining();
        int max = settings.limits().maxBinaryBytes();
        if (bytes > max) {
            Closing.close(session, CloseCodes.TOO_BIG, "binary message of " + bytes + " bytes exceeds " + max);
            return false;
        }
        return withinRate(session);
    }

    /** Forgets the session; safe to call more than once. */
    public void release(Session session) {
        admitted.remove(session);
        Object state = session.getUserProperties().remove(STATE);
        if (state instanceof State known && known.countedUser != null) {
            sessionsPerUser.computeIfPresent(known.countedUser, (user, count) -> count <= 1 ? null : count - 1);
        }
        if (goingAway != null) {
            synchronized (released) {
                released.notifyAll();
            }
        }
    }

    private boolean withinRate(Session session) {
        Object state = session.getUserProperties().get(STATE);
        if (!(state instanceof State known)) {
            // an endpoint that forgot admit(): refuse rather than run without limits
            Closing.close(session, CloseCodes.UNEXPECTED_CONDITION, "internal error (session not admitted)");
            return false;
        }
        long now = System.nanoTime();
        known.lastActivityNanos = now;
        if (known.rate.tryAcquire(now)) {
            return true;
        }
        LimitSettings limits = settings.limits();
        Closing.close(session, CloseCodes.VIOLATED_POLICY, "rate limit exceeded (" + limits.messagesPerSecond()
                + " messages per second, bursts of " + limits.burst() + ")");
        return false;
    }
}
