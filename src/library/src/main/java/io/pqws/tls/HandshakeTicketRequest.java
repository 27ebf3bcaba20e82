package io.pqws.tls;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * An upgrade request whose parameter map carries the server-minted TLS ticket, which the WebSocket session sees
 * as {@code Session#getRequestParameterMap()}. A value a client puts under the same name is replaced, never
 * trusted.
 */
final class HandshakeTicketRequest extends HttpServletRequestWrapper {

    /** The parameter name; the leading dot keeps it out of the way of any real form or query parameter. */
    static final String TICKET_PARAMETER = ".pqws-tls-ticket";

    private final Map<String, String[]> parameters;

    HandshakeTicketRequest(HttpServletRequest request, String ticket) {
        super(request);
        Map<String, String[]> copy = new LinkedHashMap<>(request.getParameterMap());
        copy.put(TICKET_PARAMETER, new String[] {ticket});
        this.parameters = Collections.unmodifiableMap(copy);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }
}
