package io.pqws.security;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a WebSocket upgrade request that breaks {@link UpgradeRequestRules} with {@code 400}, and one from a page
 * whose origin {@link OriginGate} refuses with {@code 403}, each with one log line, before the container's WebSocket
 * implementation sees it. Requests without {@code Upgrade: websocket} pass untouched (the container answers them as
 * plain HTTP requests).
 *
 * <p>Why the origin here as well as in {@link HandshakeConfigurator#checkOrigin}: the containers answer a refused
 * {@code checkOrigin} differently. Tyrus (Payara, GlassFish) answers {@code 403}; Undertow (WildFly) counts it as "no
 * WebSocket endpoint matches" ({@code HandshakeUtil.checkOrigin} inside {@code Handshake.matches}) and lets the
 * request fall through to a {@code 404}. Checked here first, the answer is {@code 403} on every container.
 *
 * <p>Declared filters run before the WebSocket implementation's own filter. This one is mapped first in the library's
 * {@code META-INF/web-fragment.xml}, whose mappings the container applies in declaration order, so it also runs
 * before {@code pqws-handshake-tls}: a refused request never has its TLS facts filed or counted.
 */
public class UpgradeRequestFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(UpgradeRequestFilter.class.getName());
    static final String FOREIGN_ORIGIN = "this page's origin may not open WebSocket sessions here "
            + "(pqws.origins.allowed)";

    @Inject
    private transient OriginGate origins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> violation = UpgradeRequestRules.violation(request.getMethod(), request.getProtocol(),
                values(request, "Connection"), values(request, "Sec-WebSocket-Key"));
        if (violation.isPresent()) {
            LOG.log(Level.INFO, "pqws: refused {0} {1} from {2} with HTTP 400: {3}", new Object[] {
                request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), violation.get()});
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, violation.get());
        } else if (!origins.allows(request.getHeader("Origin"))) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, FOREIGN_ORIGIN);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Connection", "close");
        response.getWriter().write(reason + "\n");
    }

    private static List<String> values(HttpServletRequest request, String name) {
        return request.getHeaders(name) == null ? List.of() : Collections.list(request.getHeaders(name));
    }
}
