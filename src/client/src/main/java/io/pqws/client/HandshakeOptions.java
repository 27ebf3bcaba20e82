package io.pqws.client;

import java.util.List;
import java.util.Objects;

/**
 * What a connection puts into its WebSocket handshake besides TLS: the {@code Origin} header and the offered
 * subprotocols.
 *
 * <p>Why: a browser always sends its page's origin and may offer subprotocols (where pqws connection tickets
 * travel); the integration tests and operators need to send exactly what a browser would, a foreign origin
 * included, through the same client.
 *
 * @param origin       the {@code Origin} header, or null for the Tyrus default ({@code https://host:port} of the
 *                     URL, i.e. the server's own origin)
 * @param subprotocols offered subprotocols in preference order, possibly empty
 */
public record HandshakeOptions(String origin, List<String> subprotocols) {

    public HandshakeOptions {
        subprotocols = List.copyOf(Objects.requireNonNull(subprotocols, "subprotocols"));
        for (String subprotocol : subprotocols) {
            if (subprotocol.isEmpty() || !subprotocol.chars().allMatch(HandshakeOptions::isTokenChar)) {
                throw new IllegalArgumentException("not a valid subprotocol token: '" + subprotocol + "'");
            }
        }
        if (origin != null && (origin.isBlank() || origin.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            throw new IllegalArgumentException("not a valid Origin header value: '" + origin + "'");
        }
    }

    /** No Origin override, no subprotocols. */
    public static HandshakeOptions none() {
        return new HandshakeOptions(null, List.of());
    }

    public HandshakeOptions withOrigin(String value) {
        return new HandshakeOptions(value, subprotocols);
    }

    public HandshakeOptions withSubprotocols(List<String> values) {
        return new HandshakeOptions(origin, values);
    }

    /** RFC 7230 token characters, which RFC 6455 requires of subprotocol names. */
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
