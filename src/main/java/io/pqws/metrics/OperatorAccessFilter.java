package io.pqws.metrics;

import java.io.IOException;
import java.util.logging.Logger;

import io.pqws.config.PqwsSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the operator pages only to the clients {@link OperatorAccess} allows; everyone else gets {@code 403} with a
 * one-line reason, and the server logs one line with the client's address.
 */
@WebFilter(filterName = "pqws-operator-access", urlPatterns = {OperatorAccessFilter.METRICS,
    OperatorAccessFilter.STATUS_DATA, OperatorAccessFilter.STATUS_PAGE, OperatorAccessFilter.STATUS_SCRIPT,
    OperatorAccessFilter.STATUS_STYLE})
public class OperatorAccessFilter extends HttpFilter {

    static final String METRICS = "/api/metrics";
    static final String STATUS_DATA = "/api/status";
    static final String STATUS_PAGE = "/status.html";
    static final String STATUS_SCRIPT = "/status.js";
    static final String STATUS_STYLE = "/status.css";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OperatorAccessFilter.class.getName());

    @Inject
    private OperatorAccess access;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String client = request.getRemoteAddr();
        if (access.allows(client)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info(() -> "pqws: refused operator page " + request.getRequestURI() + " to " + client
                + " (allowed: " + access.describe() + ")");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println("403 Forbidden: this operator page is served to allowed client addresses only "
                + "(" + PqwsSettings.OPERATOR_ALLOWED_CLIENTS + ")");
    }
}
