package io.pqws.container;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.websocket.Session;

/**
 * Payara and GlassFish (Tyrus): {@code TyrusSession.restartIdleTimeoutExecutor()} runs for every message sent or
 * received and, in Tyrus 2.1.5 (Payara 6) and 2.2.0 (Payara 7), schedules an idle-timeout task even when the timeout
 * is negative, on the container's managed scheduled executor, whose context capture scans the application's class
 * path for {@code ThreadContextProvider}s each time: two thirds of the server's CPU in a room fan-out (BENCHMARKS.md).
 * Tyrus fixed it upstream (eclipse-ee4j/tyrus commit df91ee1, "Prevent scheduling timeoutexecutor for negative
 * timeout values"); until the containers ship that, this gives the session an executor that does the same: a
 * schedule with no delay while the session has no timeout is not run, since the task would do nothing.
 *
 * <p>The one step that is not a public API: the session's private field {@code service}, which Tyrus fills from the
 * container when the session is created and reads on every re-arming.
 */
public final class TyrusSessionIdleTimer implements SessionIdleTimer {

    static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    static final String SCHEDULER_FIELD = "service";

    @Override
    public boolean supports(Session session) {
        return session.getClass().getName().equals(TYRUS_SESSION);
    }

    @Override
    public void switchOff(Session session) throws ReflectiveOperationException {
        Field field = session.getClass().getDeclaredField(SCHEDULER_FIELD);
        field.setAccessible(true);
        Object current = field.get(session);
        if (current instanceof NoIdleRearming) {
            return;
        }
        if (!(current instanceof ScheduledExecutorService scheduler)) {
            throw new ReflectiveOperationException(TYRUS_SESSION + "#" + SCHEDULER_FIELD + " holds "
                    + (current == null ? "null" : current.getClass().getName()) + ", not a ScheduledExecutorService");
        }
        field.set(session, new NoIdleRearming(scheduler, session));
    }
}
