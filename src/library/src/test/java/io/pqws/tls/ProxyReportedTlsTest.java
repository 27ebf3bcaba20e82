package io.pqws.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A trusted proxy's headers, as nginx 1.26 on OpenSSL 3.5 writes them ({@code $ssl_curve}, {@code $ssl_protocol},
 * {@code $ssl_cipher}; the values below are what it printed for OpenSSL 3.5's s_client with default groups, with
 * {@code -groups x25519}, {@code -groups P-256} and over TLS 1.2), become labelled facts with one name per group.
 */
class ProxyReportedTlsTest {

    @Test
    void aHybridGroupReportedAsItsCodePointIsNamedAndQuantumSafe() {
        TlsFacts facts = ProxyReportedTls.of("0x11ec", "TLSv1.3", "TLS_AES_256_GCM_SHA384");
        assertEquals(new TlsFacts(true, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "X25519MLKEM768", true, null, null, true),
                facts);
    }

    @Test
    void classicGroupsInOpenSslNamesGetTheirStandardNames() {
        TlsFacts x25519 = ProxyReportedTls.of("X25519", "TLSv1.3", "TLS_AES_256_GCM_SHA384");
        assertEquals("x25519", x25519.namedGroup());
        assertFalse(x25519.hybridPostQuantum());
        assertTrue(x25519.proxyReported());
        assertEquals(Optional.of("secp256r1"), ProxyReportedTls.groupName("prime256v1"));
        assertEquals(Optional.of("secp384r1"), ProxyReportedTls.groupName("secp384r1"));
        assertEquals(Optional.of("SecP256r1MLKEM768"), ProxyReportedTls.groupName("0x11eb"));
        assertEquals(Optional.of("x25519"), ProxyReportedTls.groupName("x25519"));
        TlsFacts tls12 = ProxyReportedTls.of("X25519", "TLSv1.2", "ECDHE-ECDSA-AES256-GCM-SHA384");
        assertEquals("ECDHE-ECDSA-AES256-GCM-SHA384", tls12.cipherSuite());
        assertEquals("TLSv1.2", tls12.protocol());
    }

    @Test
    void aMissingOrImplausibleValueIsUnknownNeverRepeated() {
        TlsFacts noGroup = ProxyReportedTls.of(null, "TLSv1.2", "AES256-GCM-SHA384");
        assertTrue(noGroup.secure());
        assertNull(noGroup.namedGroup());
        assertFalse(noGroup.hybridPostQuantum());
        assertEquals("the trusted proxy reported no key-exchange group", noGroup.namedGroupUnavailable());

        TlsFacts forged = ProxyReportedTls.of("X25519MLKEM768\"} 1\nfake_metric", "TLSv9", "<script>");
        assertNull(forged.namedGroup());
        assertFalse(forged.hybridPostQuantum());
        assertEquals("the trusted proxy reported a group this server does not know", forged.namedGroupUnavailable());
        assertNull(forged.protocol());
        assertNull(forged.cipherSuite());
    }

    @Test
    void withoutAProtocolTheClientsConnectionToTheProxyWasNotTls() {
        TlsFacts plain = ProxyReportedTls.of(null, null, null);
        assertFalse(plain.secure());
        assertTrue(plain.proxyReported());
        assertFalse(plain.hybridPostQuantum());
    }
}
