package io.pqws.tls;

import java.io.IOException;

import io.pqws.metrics.ProviderCounters;
import io.pqws.metrics.WebSocketMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Captures the TLS facts of every WebSocket upgrade request while the HTTP request, and so the connection, is still
 * reachable, and passes them on to the WebSocket session through {@link HandshakeTlsRegistry}; and notes the
 * upgrade's User-Agent next to the client's TLS fingerprint ({@link ProviderCounters#noteUserAgent}), so the
 * operator reads "Chrome" or "Java-http-client", not a hash.
 *
 * <p>Other requests only get their container request object as an attribute: a REST layer may hand its resources
 * a proxy of the request instead (RESTEasy on WildFly does), from which no {@link SslEngineLocator} can reach the
 * connection, while the attribute still leads {@link TlsFactsResolver} to it.
 *
 * <p>Mapped in the library's {@code web-fragment.xml}, after the upgrade request check: declared filters run before
 * the WebSocket implementation's own filter (Tyrus and Undertow register theirs programmatically, after the declared
 * ones), so this sees every upgrade first.
 */
public class HandshakeTlsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    private TlsFactsResolver resolver;

    @Inject
    private HandshakeTlsRegistry registry;

    @Inject
    private WebSocketMetrics metrics;

    @Inject
    private ProviderCounters provider;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.setAttribute(TlsFactsResolver.CONTAINER_REQUEST_ATTRIBUTE, request);
            chain.doFilter(request, response);
            return;
        }
        TlsFacts facts = resolver.resolve(request);
        metrics.upgradeSeen(facts);
        resolver.clientFingerprint(request).ifPresent(fingerprint -> provider.noteUserAgent(fingerprint,
                request.getHeader("User-Agent")));
        String ticket = registry.register(facts);
        chain.doFilter(new HandshakeTicketRequest(request, ticket), response);
    }
}
