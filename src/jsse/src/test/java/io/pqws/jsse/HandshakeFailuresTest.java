package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed server handshakes of the require-hybrid engines are counted once each, by reason, and published as the
 * platform MXBean the pqws module reads; successful handshakes are not counted (positive control).
 */
class HandshakeFailuresTest {

    private static final String[] CLASSIC = {"x25519", "secp256r1"};
    private static final String[] HYBRID = {"X25519MLKEM768", "secp256r1"};

    private SystemProperties properties;
    private SSLContext context;

    @BeforeEach
    void hybridOnlyProfile() throws Exception {
        properties = SystemProperties.set("jdk.tls.namedGroups", "X25519MLKEM768,x25519,secp256r1",
                PqwsJssePolicy.REQUIRE_HYBRID, "true");
        context = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        context.init(TestPki.keyManagers(), null, null);
    }

    @AfterEach
    void restore() {
        properties.close();
    }

    @Test
    void refusalsAndAlertsAreCountedOnceEachAndSuccessesNotAtAll() throws Exception {
        SSLEngine first = TestPki.server(context); // registers the MXBean
        Map<String, Long> before = published();

        MemoryHandshake.run(TestPki.bcClient(CLASSIC), first);
        MemoryHandshake refusedAgain = MemoryHandshake.run(TestPki.bcClient(CLASSIC), TestPki.server(context));
        assertNotNull(refusedAgain.server.failure);
        MemoryHandshake hybrid = MemoryHandshake.run(TestPki.bcClient(HYBRID), TestPki.server(context));
        assertTrue(hybrid.completed(), () -> "control handshake failed: " + hybrid.server.failure);
        SSLEngine noCommonSuite = TestPki.bcClient(HYBRID);
        noCommonSuite.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
        noCommonSuite.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        MemoryHandshake.run(noCommonSuite, TestPki.server(context));

        Map<String, Long> after = published();
        assertEquals(2, delta(before, after, HandshakeFailures.NO_HYBRID_GROUP));
        long total = after.values().stream().mapToLong(Long::longValue).sum()
                - before.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(3, total, () -> "before " + before + ", after " + after);
    }

    @Test
    void alertsAreNamedAfterTheirDirection() {
        assertEquals("sent_handshake_failure", HandshakeFailures.reasonOf(new javax.net.ssl.SSLHandshakeException("x") {
            private static final long serialVersionUID = 1L;
            {
                initCause(new org.bouncycastle.tls.TlsFatalAlert(org.bouncycastle.tls.AlertDescription
                        .handshake_failure));
            }
        }));
        assertEquals("other", HandshakeFailures.reasonOf(new javax.net.ssl.SSLException("no alert")));
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String reason) {
        return after.getOrDefault(reason, 0L) - before.getOrDefault(reason, 0L);
    }

    /** What a JMX reader in another class loader sees: open data, keyed by the published name. */
    private static Map<String, Long> published() throws Exception {
        TabularData table = (TabularData) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName(HandshakeFailures.OBJECT_NAME), "CountsByReason");
        Map<String, Long> counts = new java.util.HashMap<>();
        for (Object row : table.values()) {
            CompositeData data = (CompositeData) row;
            counts.put((String) data.get("key"), (Long) data.get("value"));
        }
        return counts;
    }
}
