package io.pqws.container;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;

/**
 * Switches off the container's own per-message idle timer of every module session ({@link SessionIdleTimer}), and
 * says what it found: {@code switched-off} (the container re-arms a timer per message, now no longer),
 * {@code not-needed} (no known implementation does: Undertow), or {@code failed: reason} (a container upgrade moved
 * what {@link TyrusSessionIdleTimer} reaches; the sessions work as before, only slower). The status page and
 * {@code /api/status} show it, and the outcome is logged once each time it changes.
 */
@ApplicationScoped
public class ContainerIdleTimers {

    private static final Logger LOG = Logger.getLogger(ContainerIdleTimers.class.getName());

    private final List<SessionIdleTimer> timers = List.of(new TyrusSessionIdleTimer());
    private final AtomicReference<String> outcome = new AtomicReference<>("no session yet");

    /** Called once a session runs with no container idle timeout (a negative one). */
    public void switchOff(Session session) {
        Optional<SessionIdleTimer> timer = timers.stream().filter(t -> t.supports(session)).findFirst();
        if (timer.isEmpty()) {
            record("not-needed", Level.FINE, "pqws: " + session.getClass().getName()
                    + " keeps no per-message idle timer the module knows of");
            return;
        }
        try {
            timer.get().switchOff(session);
            record("switched-off", Level.INFO, "pqws: the container's per-message idle-timeout task is switched off "
                    + "for the module's sessions (" + timer.get().getClass().getSimpleName() + "); the module reaps "
                    + "idle sessions itself");
        } catch (ReflectiveOperationException | RuntimeException e) {
            record("failed: " + e, Level.WARNING, "pqws: could not switch off the container's per-message "
                    + "idle-timeout task (" + e + "); sessions work, each message costs more server CPU");
        }
    }

    /** What the last session showed: {@code switched-off}, {@code not-needed}, {@code failed: ...}. */
    public String outcome() {
        return outcome.get();
    }

    private void record(String now, Level level, String message) {
        if (!now.equals(outcome.getAndSet(now))) {
            LOG.log(level, message);
        }
    }
}
