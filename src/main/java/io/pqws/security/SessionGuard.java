package io.pqws.security;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.pqws.config.LimitSettings;
import io.pqws.config.PqwsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

/**
 * Applies the abuse limits to every WebSocket session of the module: idle timeout, sessions per user, message size
 * (1009) and message rate (1008). Endpoints call {@link #admit} from {@code @OnOpen}, {@link #admitText} or
 * {@link #admitBinary} before handling a message, and {@link #release} from {@code @OnClose}.
 *
 * <p>Why checked by the module and not only by {@code @OnMessage(maxMessageSize)}: that annotation takes a constant,
 * while the limit is a setting; the annotation keeps a hard ceiling ({@link LimitSettings#HARD_MAX_MESSAGE_BYTES})
 * above every allowed setting.
 */
@ApplicationScoped
public class SessionGuard {

    static final String STATE = SessionGuard.class.getName();

    private final Map<String, Integer> sessionsPerUser = new ConcurrentHashMap<>();

    @Inject
    private PqwsSettings settings;

    /** Per-session state, in the session's own user properties. */
    private static final class State {
        final RateLimiter rate;
        final String countedUser;

        State(RateLimiter rate, String countedUser) {
            this.rate = rate;
            this.countedUser = countedUser;
        }
    }

    /** Applies the limits to a session that just opened; false when it was refused and closed. */
    public boolean admit(Session session) {
        LimitSettings limits = settings.limits();
        session.setMaxIdleTimeout(limits.idleTimeout().toMillis());
        session.setMaxTextMessageBufferSize(limits.maxTextBytes());
        session.setMaxBinaryMessageBufferSize(limits.maxBinaryBytes());
        Principal principal = session.getUserPrincipal();
        String user = principal == null ? null : principal.getName();
        RateLimiter rate = new RateLimiter(limits.messagesPerSecond(), limits.burst(), System.nanoTime());
        session.getUserProperties().put(STATE, new State(rate, user));
        if (user != null && sessionsPerUser.merge(user, 1, Integer::sum) > limits.sessionsPerUser()) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY,
                    "too many sessions for this user (max " + limits.sessionsPerUser() + ")");
            return false;
        }
        return true;
    }

    /** Whether a text message may be handled; otherwise the session has been closed with 1009 or 1008. */
    public boolean admitText(Session session, String text) {
        int bytes = Utf8.length(text);
        int max = settings.limits().maxTextBytes();
        if (bytes > max) {
            Closing.close(session, CloseCodes.TOO_BIG, "text message of " + bytes + " bytes exceeds " + max);
            return false;
        }
        return withinRate(session);
    }

    /** Whether a binary message may be handled; otherwise the session has been closed with 1009 or 1008. */
    public boolean admitBinary(Session session, ByteBuffer data) {
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
        Object state = session.getUserProperties().remove(STATE);
        if (state instanceof State known && known.countedUser != null) {
            sessionsPerUser.computeIfPresent(known.countedUser, (user, count) -> count <= 1 ? null : count - 1);
        }
    }

    private boolean withinRate(Session session) {
        Object state = session.getUserProperties().get(STATE);
        if (!(state instanceof State known)) {
            // an endpoint that forgot admit(): refuse rather than run without limits
            Closing.close(session, CloseCodes.UNEXPECTED_CONDITION, "internal error (session not admitted)");
            return false;
        }
        if (known.rate.tryAcquire(System.nanoTime())) {
            return true;
        }
        LimitSettings limits = settings.limits();
        Closing.close(session, CloseCodes.VIOLATED_POLICY, "rate limit exceeded (" + limits.messagesPerSecond()
                + " messages per second, bursts of " + limits.burst() + ")");
        return false;
    }
}
