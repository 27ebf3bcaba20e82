package io.pqws.security;

import java.io.StringReader;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.config.PrincipalNames;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code POST /api/tickets}: a connection ticket for the authenticated caller, or, with {@code {"user": "..."}} and
 * role {@value ModuleRoles#TICKET_ISSUER}, for another user (a portal back end that logged its users in itself).
 *
 * <p>Authentication is the module's own ({@link ModuleAuthenticationMechanism}, required by {@code web.xml}); the
 * answer is never cached.
 */
@RequestScoped
@Path("tickets")
public class TicketResource {

    private static final Logger LOG = Logger.getLogger(TicketResource.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    private ConnectionTickets tickets;

    @Context
    private SecurityContext security;

    /**
     * The ticket as JSON.
     *
     * @param ticket      the ticket itself
     * @param subprotocol the entry to offer in the WebSocket subprotocol list, next to {@code pqws.v1}
     * @param user        whom the ticket authenticates
     * @param expiresAt   after this instant the ticket is refused
     */
    public record TicketJson(String ticket, String subprotocol, String user, Instant expiresAt) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(String body) {
        String caller = security.getUserPrincipal().getName();
        String user = caller;
        if (body != null && !body.isBlank()) {
            String requested;
            try {
                requested = requestedUser(body);
            } catch (IllegalArgumentException e) {
                return error(Response.Status.BAD_REQUEST, e.getMessage());
            }
            if (!requested.equals(caller) && !security.isUserInRole(ModuleRoles.TICKET_ISSUER)) {
                LOG.log(Level.INFO, "pqws: refused a ticket for {0} to {1}: not a {2}",
                        new Object[] {requested, caller, ModuleRoles.TICKET_ISSUER});
                return error(Response.Status.FORBIDDEN, "only a " + ModuleRoles.TICKET_ISSUER
                        + " may obtain tickets for other users");
            }
            user = requested;
        }
        ConnectionTickets.Issued issued;
        try {
            issued = tickets.issue(user);
        } catch (ConnectionTickets.TooManyTicketsException e) {
            return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
        TicketJson json = new TicketJson(issued.ticket(), TicketCarrier.entryFor(issued.ticket()), issued.user(),
                issued.expiresAt());
        return Response.ok(JSONB.toJson(json), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    private static String requestedUser(String body) {
        JsonObject object;
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("expected a JSON object such as {\"user\": \"CN=alice,O=example\"}");
            }
            object = value.asJsonObject();
        } catch (JsonException e) {
            throw new IllegalArgumentException("malformed JSON");
        }
        if (!(object.get("user") instanceof JsonString user)) {
            throw new IllegalArgumentException("\"user\" must be a string");
        }
        try {
            return PrincipalNames.canonical(user.getString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"user\" " + e.getMessage());
        }
    }

    static Response error(Response.Status status, String message) {
        String json = Json.createObjectBuilder().add("error", message).build().toString();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
    }
}
