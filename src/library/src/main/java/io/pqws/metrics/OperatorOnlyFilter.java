package io.pqws.metrics;

import java.util.logging.Logger;

import io.pqws.tls.TrustedProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses an {@link OperatorOnly} resource to every client {@link OperatorAccess} does not allow, with {@code 403}
 * and a one-line reason; the server logs one line with the client's address. The static status page files of
 * {@code pqws.war} go through the servlet filter {@link OperatorAccessFilter} with the same rule and words.
 */
@ApplicationScoped
@Provider
@OperatorOnly
public class OperatorOnlyFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(OperatorOnlyFilter.class.getName());

    @Inject
    private OperatorAccess access;

    /** The container's request-scoped built-in bean. */
    @Inject
    private HttpServletRequest request;

    /** The client's address, as for the servlet filter: the TCP peer's, or the one a trusted proxy reported. */
    @Inject
    private TrustedProxy proxy;

    @Override
    public void filter(ContainerRequestContext context) {
        String client = proxy.clientAddress(request);
        if (!access.allows(client)) {
            LOG.info(() -> access.refusalLogLine(request.getRequestURI(), client));
            context.abortWith(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).entity(OperatorAccess.REFUSAL + "\n")
                    .build());
        }
    }
}
