package io.pqws.it;

import io.pqws.messaging.PublishNotification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Stands for other portal code packaged with the module: it publishes by firing {@link PublishNotification} as a
 * CDI event, the way a portal service would. Added to the built WAR by {@link NotificationsIT} only; never shipped.
 */
@RequestScoped
@Path("test-portal/fire")
public class PortalEventSource {

    @Inject
    private Event<PublishNotification> notifications;

    @POST
    public Response fire(@QueryParam("user") String user, @QueryParam("title") String title,
            @QueryParam("count") int count) {
        for (int i = 1; i <= Math.max(1, count); i++) {
            notifications.fire(PublishNotification.toUser(user, count > 1 ? title + " " + i : title, null));
        }
        return Response.noContent().build();
    }
}
