package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The opening-handshake rules the containers leave unchecked, each with the request a browser sends as control. */
class UpgradeRequestRulesTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static Optional<String> check(String method, String protocol, List<String> connection, List<String> keys) {
        return UpgradeRequestRules.violation(method, protocol, connection, keys);
    }

    @Test
    void aBrowsersRequestPasses() {
        assertEquals(Optional.empty(), check("GET", "HTTP/1.1", List.of("Upgrade"), List.of(KEY)));
        assertEquals(Optional.empty(), check("GET", "HTTP/1.1", List.of("keep-alive, Upgrade"), List.of(KEY)),
                "Firefox sends both tokens");
        assertEquals(Optional.empty(), check("GET", "HTTP/1.1", List.of("upgrade"), List.of(" " + KEY + " ")));
    }

    @Test
    void otherMethodsAndVersionsAreRefused() {
        assertEquals(Optional.of("a WebSocket handshake must be a GET request"),
                check("POST", "HTTP/1.1", List.of("Upgrade"), List.of(KEY)));
        assertEquals(Optional.of("a WebSocket handshake must be HTTP/1.1"),
                check("GET", "HTTP/1.0", List.of("Upgrade"), List.of(KEY)));
        assertEquals(Optional.of("a WebSocket handshake must be HTTP/1.1"),
                check("GET", "HTTP/2.0", List.of("Upgrade"), List.of(KEY)));
    }

    @Test
    void theConnectionHeaderMustCarryTheUpgradeToken() {
        String reason = "the Connection header must contain the Upgrade token";
        assertEquals(Optional.of(reason), check("GET", "HTTP/1.1", List.of("keep-alive"), List.of(KEY)));
        assertEquals(Optional.of(reason), check("GET", "HTTP/1.1", List.of(), List.of(KEY)));
        assertEquals(Optional.of(reason), check("GET", "HTTP/1.1", List.of("Upgraded"), List.of(KEY)));
    }

    @Test
    void exactlyOneWellFormedKeyIsRequired() {
        String one = "exactly one Sec-WebSocket-Key is required";
        String form = "Sec-WebSocket-Key must be 16 bytes in Base64";
        List<String> upgrade = List.of("Upgrade");
        assertEquals(Optional.of(one), check("GET", "HTTP/1.1", upgrade, List.of()));
        assertEquals(Optional.of(one), check("GET", "HTTP/1.1", upgrade, List.of(KEY, KEY)));
        assertEquals(Optional.of(one), check("GET", "HTTP/1.1", upgrade, List.of(KEY + ", " + KEY)));
        assertEquals(Optional.of(one), check("GET", "HTTP/1.1", upgrade, List.of("")));
        assertEquals(Optional.of(form), check("GET", "HTTP/1.1", upgrade, List.of("abc")));
        assertEquals(Optional.of(form), check("GET", "HTTP/1.1", upgrade, List.of("!!!!not-base64!!!!")));
        assertEquals(Optional.of(form), check("GET", "HTTP/1.1", upgrade, List.of("AAAAAAAAAAAAAAAAAAAAAAAA")),
                "18 bytes");
    }
}
