package io.pqws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Origins compare as RFC 6454 says: scheme, host and port, with default ports and case normalised. */
class WebOriginTest {

    @Test
    void equalOriginsCompareEqual() {
        assertEquals(WebOrigin.parse("https://portal.example.com"), WebOrigin.parse("HTTPS://Portal.Example.COM:443"));
        assertEquals(WebOrigin.parse("http://localhost:8080"), WebOrigin.ofRequest(false, "localhost:8080"));
        assertEquals(WebOrigin.parse("https://localhost:8443"), WebOrigin.ofRequest(true, "localhost:8443"));
        assertEquals("https://portal.example.com", WebOrigin.parse("https://portal.example.com:443").toString());
    }

    @Test
    void differentSchemeHostOrPortIsAnotherOrigin() {
        WebOrigin origin = WebOrigin.parse("https://localhost:8443");
        for (String other : List.of("http://localhost:8443", "https://localhost:8444", "https://127.0.0.1:8443")) {
            assertEquals(false, origin.equals(WebOrigin.parse(other)), other);
        }
    }

    @Test
    void onlyOriginsAreAccepted() {
        for (String bad : List.of("*", "null", "portal.example.com", "https://", "https://portal/x",
                "https://user@portal", "wss://portal", "https://portal?x=1")) {
            assertThrows(IllegalArgumentException.class, () -> WebOrigin.parse(bad), bad);
        }
        assertNull(WebOrigin.ofRequest(true, null));
        assertNull(WebOrigin.ofRequest(true, "bad host/"));
    }
}
