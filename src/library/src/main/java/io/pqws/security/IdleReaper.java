package io.pqws.security;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import io.pqws.config.PqwsSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sweeps the admitted WebSocket sessions for idle ones ({@link SessionGuard#closeIdle}) on the container's default
 * managed scheduler, every tenth of {@code pqws.limits.idle-timeout-seconds} (at least 1 s, at most 30 s), so a
 * session is closed between one and 1.1 timeouts after its last message. See {@link SessionGuard} for why the
 * container's own per-session timer is not used.
 */
@ApplicationScoped
public class IdleReaper {

    private static final Logger LOG = Logger.getLogger(IdleReaper.class.getName());

    /**
     * The platform's default scheduler (Jakarta Concurrency 3.0, section 3.3.4). Looked up, not {@code @Resource}
     * injected: Payara binds a {@code java:comp/env} entry for a {@code @Resource} field only in the WAR's own
     * classes, and this class ships in a library jar under {@code WEB-INF/lib}.
     */
    static final String DEFAULT_SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    @Inject
    private SessionGuard guard;

    @Inject
    private PqwsSettings settings;

    private ScheduledFuture<?> sweeping;

    /** The sweep period for an idle timeout. */
    static Duration period(Duration idleTimeout) {
        Duration tenth = idleTimeout.dividedBy(10);
        Duration atLeast = tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
        return atLeast.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : atLeast;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        long millis = period(settings.limits().idleTimeout()).toMillis();
        sweeping = defaultScheduler().scheduleAtFixedRate(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static ManagedScheduledExecutorService defaultScheduler() {
        try {
            return InitialContext.doLookup(DEFAULT_SCHEDULER);
        } catch (NamingException e) {
            throw new IllegalStateException("pqws: the container has no " + DEFAULT_SCHEDULER
                    + ", which every Jakarta EE 10 platform provides; idle sessions cannot be reaped", e);
        }
    }

    private void sweep() {
        try {
            guard.closeIdle(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pqws: idle sweep failed; the next one retries", e);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }
}
