package io.pqws.security;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The RFC 6455 (section 4.2.1) rules for a WebSocket opening handshake that the containers do not enforce, checked
 * before the upgrade: method {@code GET}, {@code HTTP/1.1}, a {@code Connection} header with the {@code Upgrade}
 * token, and exactly one {@code Sec-WebSocket-Key} that is 16 bytes in Base64.
 *
 * <p>Why the module checks: the abuse corpus found Tyrus and Grizzly upgrading {@code POST} and {@code HTTP/1.0}
 * requests and requests with duplicate, empty or malformed keys, and answering {@code 500} (unlogged) when the
 * {@code Connection} header lacks the token. None of that is exploitable here, but a handshake the protocol forbids
 * should get a clear {@code 400} and a log line, not an upgrade or an internal error. The version check stays the
 * container's ({@code 426} with the supported version).
 */
public final class UpgradeRequestRules {

    private static final int KEY_BYTES = 16;

    private UpgradeRequestRules() {
    }

    /** What is wrong with the upgrade request, if anything, as a short reason for the client and the log. */
    public static Optional<String> violation(String method, String protocol, List<String> connectionHeaders,
            List<String> keyHeaders) {
        if (!"GET".equals(method)) {
            return Optional.of("a WebSocket handshake must be a GET request");
        }
        if (!"HTTP/1.1".equals(protocol)) {
            return Optional.of("a WebSocket handshake must be HTTP/1.1");
        }
        boolean upgradeToken = connectionHeaders.stream().flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(token -> token.strip().toLowerCase(Locale.ROOT).equals("upgrade"));
        if (!upgradeToken) {
            return Optional.of("the Connection header must contain the Upgrade token");
        }
        List<String> keys = keyHeaders.stream().flatMap(value -> List.of(value.split(",")).stream())
                .map(String::strip).filter(key -> !key.isEmpty()).toList();
        if (keys.size() != 1 || keyHeaders.size() != 1) {
            return Optional.of("exactly one Sec-WebSocket-Key is required");
        }
        try {
            if (Base64.getDecoder().decode(keys.get(0)).length != KEY_BYTES) {
                return Optional.of("Sec-WebSocket-Key must be 16 bytes in Base64");
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("Sec-WebSocket-Key must be 16 bytes in Base64");
        }
        return Optional.empty();
    }
}
