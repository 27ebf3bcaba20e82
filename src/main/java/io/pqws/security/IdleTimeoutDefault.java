package io.pqws.security;

import java.util.logging.Logger;

import io.pqws.config.PqwsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

/**
 * Makes {@code pqws.limits.idle-timeout-seconds} the container's default session idle timeout at startup, so every
 * WebSocket session has it from its creation, before {@link SessionGuard#admit} sets it again.
 *
 * <p>Why: a session created with the default of 0 ("none") makes Tyrus (Payara) schedule its idle check with no
 * delay; when the server is busy that check can run only after {@code admit} set the real timeout, and then closes
 * a brand-new session with "Session closed by the container because of the idle timeout". The soak saw it once in
 * 2,000 joins (docs/load-and-faults.md). With a non-zero default the first check is scheduled a full timeout ahead.
 */
@ApplicationScoped
public class IdleTimeoutDefault {

    private static final Logger LOG = Logger.getLogger(IdleTimeoutDefault.class.getName());

    @Inject
    private PqwsSettings settings;

    void onStart(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        if (context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            container.setDefaultMaxSessionIdleTimeout(settings.limits().idleTimeout().toMillis());
        } else {
            LOG.warning("pqws: no WebSocket ServerContainer in the servlet context; sessions get the idle timeout "
                    + "only when they open");
        }
    }
}
