package io.pqws.messaging;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.websocket.DecodeException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code POST /api/notifications}: publishes a notification for the parts of a portal that are not Java code in this
 * application. Only callers with role {@value io.pqws.security.ModuleRoles#PUBLISHER} get here ({@code web.xml}); the
 * answer is {@code 202 {"id": "..."}}, or 400 with {@code {"error": "..."}} saying what is wrong with the body.
 */
@RequestScoped
@Path("notifications")
public class NotificationResource {

    private static final Logger LOG = Logger.getLogger(NotificationResource.class.getName());

    @Inject
    private NotificationCenter center;

    @Context
    private SecurityContext security;

    private final PublishNotificationDecoder decoder = new PublishNotificationDecoder();

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(String body) {
        PublishNotification request;
        try {
            request = decoder.decode(body == null ? "" : body);
        } catch (DecodeException e) {
            LOG.log(Level.INFO, "pqws: refused a notification from {0}: {1}",
                    new Object[] {security.getUserPrincipal().getName(), e.getMessage()});
            return json(Response.Status.BAD_REQUEST, "error", e.getMessage());
        }
        NotificationEvent.Notification published = center.publish(request);
        return json(Response.Status.ACCEPTED, "id", published.id());
    }

    private static Response json(Response.Status status, String key, String value) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add(key, value).build().toString()).build();
    }
}
