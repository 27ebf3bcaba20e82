package io.pqws.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may connect, and from where.
 *
 * @param allowSameOrigin   whether a browser page served by this server (Origin equal to the request's own scheme
 *                          and Host) may open WebSockets; the {@code self} entry of {@code pqws.origins.allowed}
 * @param allowedOrigins    further origins whose pages may open WebSockets (portal front ends)
 * @param requireTls        whether protected endpoints refuse requests that did not come over TLS
 * @param ticketLifetime    how long a connection ticket stays redeemable
 * @param maxPendingTickets how many issued, unredeemed tickets the server keeps at most
 * @param roleMembers       role name → canonical principal names ({@link PrincipalNames}) with that role
 */
public record AccessSettings(boolean allowSameOrigin, List<WebOrigin> allowedOrigins, boolean requireTls,
        Duration ticketLifetime, int maxPendingTickets, Map<String, Set<String>> roleMembers) {

    public AccessSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        roleMembers = Map.copyOf(roleMembers);
    }
}
