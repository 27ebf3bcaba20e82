package io.pqws.lifecycle;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The module's earliest standard hook into its own stop: a servlet with no mapping, loaded at start-up (the
 * library's {@code META-INF/web-fragment.xml}), whose {@link #destroy()} says goodbye to every WebSocket session
 * ({@link ModuleShutdown}).
 *
 * <p>Why a servlet: when a web module stops, Payara's Catalina ({@code StandardContext.stop}) destroys the servlets
 * (in the order they were added: the declared ones before those registered at run time), then the filters (among
 * them Tyrus' {@code TyrusServletFilter}, whose {@code destroy} drops every WebSocket connection without a close
 * frame), and only then runs the {@code ServletContextListener}s and CDI's {@code @PreDestroy}. That is so for a
 * server shutdown (SIGTERM to Payara Micro, {@code asadmin stop-domain}) as for an undeployment: the network listener
 * closes after the applications. A Payara that orders it otherwise fails the tests that expect the module's close
 * frame (RestartIT, PayaraServerIT). On WildFly, Undertow closes the sessions with 1001 itself when the server
 * suspends, before this runs (WildFlyIT).
 */
public class GoodbyeServlet extends GenericServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient ModuleShutdown shutdown;

    @Override
    public void service(ServletRequest request, ServletResponse response) throws IOException {
        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    @Override
    public void destroy() {
        shutdown.sayGoodbye("stopping");
    }
}
