package io.pqws.security;

import io.pqws.config.PqwsSettings;

/**
 * The roles the module checks, as named in the security constraints of the WAR's {@code web.xml} and in the
 * {@code pqws.roles.<role>} settings.
 */
public final class ModuleRoles {

    /** Every authenticated user: may open chat and notification sessions and obtain tickets for itself. */
    public static final String USER = PqwsSettings.USER_ROLE;
    /** May publish notifications through {@code POST /api/notifications}. */
    public static final String PUBLISHER = "pqws-publisher";
    /** May obtain tickets on behalf of other users (a portal back end that logged its users in itself). */
    public static final String TICKET_ISSUER = "pqws-ticket-issuer";

    private ModuleRoles() {
    }
}
