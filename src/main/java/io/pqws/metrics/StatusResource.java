package io.pqws.metrics;

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
@Path("status")
public class StatusResource {

    @Inject
    private WebSocketMetrics metrics;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        return Response.ok(StatusJson.of(metrics.snapshot()).toString()).header("Cache-Control", "no-store").build();
    }
}
