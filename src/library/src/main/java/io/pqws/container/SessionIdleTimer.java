package io.pqws.container;

import jakarta.websocket.Session;

/**
 * A WebSocket implementation's own idle timer of a session, which the module switches off: the module reaps idle
 * sessions itself ({@code io.pqws.security.IdleReaper}) and runs every session with no container timeout.
 *
 * <p>Why an interface: whether an implementation still pays for a timer it was told not to keep is specific to it
 * (Tyrus before eclipse-ee4j/tyrus commit df91ee1 re-arms one on every message sent or received, even with a
 * negative timeout), and so is the way to stop it. One small implementation per container; an in-container test
 * ({@code ContainerIdleTimerIT}) fails if an upgrade breaks it.
 */
public interface SessionIdleTimer {

    /** Whether this implementation runs the session. */
    boolean supports(Session session);

    /**
     * Stops the per-message re-arming for a session whose idle timeout is already negative (no timeout); a timeout
     * set later still works.
     */
    void switchOff(Session session) throws ReflectiveOperationException;
}
