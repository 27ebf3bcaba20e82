package io.pqws.metrics;

import java.io.IOException;
import java.util.logging.Logger;

import io.pqws.tls.TrustedProxy;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the files of an operator page (the status page of {@code pqws.war}) only to the clients
 * {@link OperatorAccess} allows; everyone else gets {@code 403} with a one-line reason, and the server logs one line
 * with the client's address. Declared without a URL pattern: the web application that has such files maps it to them
 * in its {@code web.xml}. The REST resources behind them are guarded by {@link OperatorOnlyFilter}.
 */
public class OperatorAccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OperatorAccessFilter.class.getName());

    @Inject
    private OperatorAccess access;

    @Inject
    private TrustedProxy proxy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String client = proxy.clientAddress(request);
        if (access.allows(client)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info(() -> access.refusalLogLine(request.getRequestURI(), client));
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println(OperatorAccess.REFUSAL);
    }
}
