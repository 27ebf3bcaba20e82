package io.pqws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which proxies are believed: nobody by default, each rule with a peer it trusts and one it does not. */
class ProxySettingsTest {

    private static ProxySettings proxy(String trusted) {
        return PqwsSettings.from(Map.of(PqwsSettings.PROXY_TRUSTED, trusted)).proxy();
    }

    private static String problem(Map<String, String> settings) {
        return assertThrows(InvalidSettingsException.class, () -> PqwsSettings.from(settings)).getMessage();
    }

    @Test
    void byDefaultNoPeerIsTrustedNotEvenLoopback() {
        ProxySettings proxy = PqwsSettings.from(Map.of()).proxy();
        assertTrue(proxy.trustsNobody());
        assertFalse(proxy.trusts("127.0.0.1"));
        assertFalse(proxy.trusts("192.0.2.7"));
        assertEquals("X-TLS-Group", proxy.groupHeader());
        assertEquals("X-TLS-Protocol", proxy.protocolHeader());
        assertEquals("X-TLS-Cipher", proxy.cipherHeader());
        assertEquals("X-Real-IP", proxy.clientAddressHeader());
    }

    @Test
    void loopbackTrustsAProxyOnThisHostOnly() {
        ProxySettings proxy = proxy("loopback");
        assertTrue(proxy.trusts("127.0.0.1"));
        assertTrue(proxy.trusts("::1"));
        assertFalse(proxy.trusts("192.0.2.7"));
        assertFalse(proxy.trusts("not-an-address"));
    }

    @Test
    void addressesAndRangesTrustTheirPeersOnly() {
        ProxySettings proxy = proxy("10.0.0.5, 192.0.2.128/25");
        assertTrue(proxy.trusts("10.0.0.5"));
        assertFalse(proxy.trusts("10.0.0.6"));
        assertTrue(proxy.trusts("192.0.2.200"));
        assertFalse(proxy.trusts("192.0.2.100"));
        assertFalse(proxy.trusts("127.0.0.1"), "loopback is not implied");
    }

    @Test
    void aRuleThatWouldTrustEveryPeerFailsLoudly() {
        assertTrue(problem(Map.of(PqwsSettings.PROXY_TRUSTED, "any")).contains("pqws.proxy.trusted: 'any' cannot be "
                + "listed"));
        assertTrue(problem(Map.of(PqwsSettings.PROXY_TRUSTED, "0.0.0.0/0")).contains("'0.0.0.0/0' trusts every "
                + "address"));
        assertTrue(problem(Map.of(PqwsSettings.PROXY_TRUSTED, "::/0")).contains("trusts every address"));
        assertTrue(problem(Map.of(PqwsSettings.PROXY_TRUSTED, "loopback, none")).contains("'none' cannot be listed"));
        assertTrue(problem(Map.of(PqwsSettings.PROXY_TRUSTED, "proxy.example")).contains("not an IPv4 or IPv6"));
        assertTrue(problem(Map.of(PqwsSettings.PROXY_TRUSTED, "10.0.0.5,")).contains("has an empty entry"));
    }

    @Test
    void headerNamesAreCheckedAtStartUp() {
        ProxySettings renamed = PqwsSettings.from(Map.of(PqwsSettings.PROXY_TRUSTED, "loopback",
                PqwsSettings.PROXY_GROUP_HEADER, "X-SSL-Curve")).proxy();
        assertEquals("X-SSL-Curve", renamed.groupHeader());
        assertTrue(problem(Map.of(PqwsSettings.PROXY_GROUP_HEADER, "X-SSL Curve")).contains(
                "pqws.proxy.header.group: 'X-SSL Curve' is not an HTTP header name"));
        assertTrue(problem(Map.of("pqws.proxy.trustd", "loopback")).contains("did you mean pqws.proxy.trusted?"));
    }
}
