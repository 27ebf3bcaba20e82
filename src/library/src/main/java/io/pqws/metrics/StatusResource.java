package io.pqws.metrics;

import io.pqws.container.ContainerIdleTimers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/status}: what the status page shows ({@link StatusJson}). Served only to the clients
 * {@link OperatorAccess} allows.
 */
@RequestScoped
@OperatorOnly
@Path("status")
public class StatusResource {

    @Inject
    private WebSocketMetrics metrics;

    @Inject
    private ContainerIdleTimers idleTimers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        return Response.ok(StatusJson.of(metrics.snapshot(), idleTimers.outcome()).toString())
                .header("Cache-Control", "no-store").build();
    }
}
