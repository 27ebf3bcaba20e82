package io.pqws.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.security.SessionGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;

/**
 * Says goodbye to every WebSocket session of the module when it stops (server shutdown or undeployment): a close
 * frame {@code 1001 server shutting down}, so that clients know the server went away on purpose and reconnect,
 * rather than a connection dropped without a word (RFC 6455's 1006).
 *
 * <p>Why it needs an early hook ({@link GoodbyeServlet}): the containers drop the connections themselves when they
 * take the WebSocket implementation down, which on Payara (Tyrus' servlet filter) happens before any
 * {@code ServletContextListener} or CDI {@code @PreDestroy} of the application runs. The wait for the closes is
 * bounded by {@link #WAIT}, so a client that does not answer cannot hold the stop.
 */
@ApplicationScoped
public class ModuleShutdown {

    /** The close frame's reason phrase. */
    public static final String REASON = "server shutting down";
    /** How long the stop waits at most for the container to complete the closes. */
    static final Duration WAIT = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(ModuleShutdown.class.getName());

    private final AtomicBoolean stopping = new AtomicBoolean();

    @Inject
    private SessionGuard guard;

    /** Closes every session with 1001 and refuses new ones; only the first call does anything. */
    void sayGoodbye(String why) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        SessionGuard.Goodbye goodbye = guard.closeAll(CloseCodes.GOING_AWAY, REASON, WAIT);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        LOG.log(Level.INFO, "pqws: {0}: closed {1} WebSocket session(s) with 1001 ({2}) in {3} ms; {4} not "
                + "completed by the container within {5} s", new Object[] {why, goodbye.closed(), REASON,
                    Long.toString(millis), goodbye.unfinished(), WAIT.toSeconds()});
    }
}
