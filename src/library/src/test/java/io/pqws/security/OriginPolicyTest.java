package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pqws.config.AccessSettings;
import io.pqws.config.PqwsSettings;

/** Cross-site WebSocket hijacking protection: which Origins may connect. */
class OriginPolicyTest {

    private static AccessSettings access(String allowed) {
        return PqwsSettings.from(Map.of(PqwsSettings.ORIGINS_ALLOWED, allowed)).access();
    }

    @Test
    void byDefaultOnlyPagesOfThisServerMayConnect() {
        AccessSettings self = access("self");
        assertTrue(OriginPolicy.allows(self, "https://localhost:8443", true, "localhost:8443"));
        assertTrue(OriginPolicy.allows(self, "https://portal.example.com", true, "portal.example.com:443"));
        assertFalse(OriginPolicy.allows(self, "https://evil.example", true, "localhost:8443"));
        assertFalse(OriginPolicy.allows(self, "http://localhost:8443", true, "localhost:8443"), "scheme matters");
        assertFalse(OriginPolicy.allows(self, "https://localhost:8443", true, null));
    }

    @Test
    void listedOriginsMayConnectAndSelfCanBeLeftOut() {
        AccessSettings listed = access("https://portal.example.com");
        assertTrue(OriginPolicy.allows(listed, "https://portal.example.com", true, "ws.example.com"));
        assertFalse(OriginPolicy.allows(listed, "https://ws.example.com", true, "ws.example.com"), "no self");
    }

    @Test
    void nonBrowserClientsSendNoOriginAndGetThrough() {
        assertTrue(OriginPolicy.allows(access("self"), null, true, "localhost:8443"));
    }

    @Test
    void garbageOriginsAreRefused() {
        assertFalse(OriginPolicy.allows(access("self"), "null", true, "localhost:8443"));
        assertFalse(OriginPolicy.allows(access("self"), "not an origin", true, "localhost:8443"));
    }
}
