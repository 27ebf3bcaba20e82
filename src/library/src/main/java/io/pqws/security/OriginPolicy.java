package io.pqws.security;

import io.pqws.config.AccessSettings;
import io.pqws.config.WebOrigin;

/**
 * Decides whether a WebSocket handshake's {@code Origin} may connect: cross-site WebSocket hijacking protection.
 *
 * <p>The rules: no {@code Origin} header (a non-browser client, which still has to authenticate) is allowed; a page
 * of this very server ({@code self}: the Origin equals the request's scheme and {@code Host}) is allowed when the
 * settings say {@code self}; any other origin must be listed. A browser always sends {@code Origin}, so a foreign
 * page can never ride on the user's client certificate or cookies.
 */
public final class OriginPolicy {

    private OriginPolicy() {
    }

    public static boolean allows(AccessSettings access, String origin, boolean secure, String hostHeader) {
        if (origin == null) {
            return true;
        }
        WebOrigin parsed;
        try {
            parsed = WebOrigin.parse(origin.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (access.allowedOrigins().contains(parsed)) {
            return true;
        }
        return access.allowSameOrigin() && parsed.equals(WebOrigin.ofRequest(secure, hostHeader));
    }
}
