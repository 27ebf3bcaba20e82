package io.pqws.tls;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/tls}: the TLS facts of the HTTPS connection this request came on, for scripts and for checking a
 * server with {@code curl} or a browser without opening a WebSocket.
 */
@RequestScoped
@Path("tls")
public class TlsResource {

    @Inject
    private TlsFactsResolver resolver;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String facts(@Context HttpServletRequest request) {
        return TlsFactsJson.toJson(resolver.resolve(request));
    }
}
