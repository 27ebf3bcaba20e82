package io.pqws.metrics;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/metrics}: the module's counters in the Prometheus text exposition format, for a Prometheus scrape
 * job ({@code metrics_path: /pqws/api/metrics}). Served only to the clients {@link OperatorAccess} allows.
 */
@RequestScoped
@OperatorOnly
@Path("metrics")
public class MetricsResource {

    @Inject
    private WebSocketMetrics metrics;

    @GET
    public Response scrape() {
        return Response.ok(PrometheusText.render(metrics.snapshot()), PrometheusText.CONTENT_TYPE)
                .header("Cache-Control", "no-store").build();
    }
}
