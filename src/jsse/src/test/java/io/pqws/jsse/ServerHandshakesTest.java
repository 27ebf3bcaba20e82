package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every server handshake of a PQWS engine is counted once, in every profile, with what the client offered and what it
 * got; the group and the HelloRetryRequest the counts name are checked against the ServerHello on the wire, and the
 * negotiation itself against plain Bouncy Castle with the same server order (observing changes nothing).
 */
class ServerHandshakesTest {

    private static final String SERVER_GROUPS = "X25519MLKEM768,x25519,secp256r1";
    private static final String[] HYBRID_CLIENT = {"X25519MLKEM768", "x25519", "secp256r1"};
    private static final String[] CLASSIC_FIRST_CLIENT = {"x25519", "X25519MLKEM768", "secp256r1"};
    private static final String[] CLASSIC_CLIENT = {"x25519", "secp256r1"};

    private SystemProperties properties;

    @AfterEach
    void restore() {
        properties.close();
    }

    private SSLContext profile(String requireHybrid) throws Exception {
        properties = SystemProperties.set("jdk.tls.namedGroups", SERVER_GROUPS, PqwsJssePolicy.REQUIRE_HYBRID,
                requireHybrid);
        SSLContext context = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        context.init(TestPki.keyManagers(), null, null);
        return context;
    }

    @Test
    void theHybridProfileCountsEachHandshakeWithTheGroupOnTheWire() throws Exception {
        SSLContext pqws = profile(null);
        Map<String, Long> before = published(TestPki.server(pqws));

        MemoryHandshake hybrid = completed(TestPki.bcClient(HYBRID_CLIENT), TestPki.server(pqws));
        MemoryHandshake retried = completed(TestPki.bcClient(CLASSIC_FIRST_CLIENT), TestPki.server(pqws));
        MemoryHandshake classic = completed(TestPki.bcClient(CLASSIC_CLIENT), TestPki.server(pqws));
        MemoryHandshake tls12 = completed(TestPki.bcClient(CLASSIC_CLIENT, "TLSv1.2"), TestPki.server(pqws));

        // A BCJSSE client names the hybrid group but sends its first key share for x25519 only.
        assertWire(hybrid, Groups.X25519_MLKEM768, true);
        assertWire(retried, Groups.X25519_MLKEM768, true);
        assertWire(classic, Groups.X25519, false);
        Map<String, Long> counted = delta(before, published(TestPki.server(pqws)));
        assertEquals(Map.of(
                key("completed", "TLSv1.3", "X25519MLKEM768", true, false, true), 2L,
                key("completed", "TLSv1.3", "x25519", false, false, false), 1L,
                key("completed", "TLSv1.2", "x25519", false, false, false), 1L), counted);
        assertEquals("TLSv1.2", tls12.server.engine.getSession().getProtocol());

        String fingerprint = (String) classic.server.engine.getSession()
                .getValue(ClientHelloGuardEngine.FINGERPRINT_SESSION_VALUE);
        assertTrue(fingerprint != null && fingerprint.matches("t13[di]\\d{4}00_[0-9a-f]{12}_[0-9a-f]{12}"),
                "a JA4 in the session: " + fingerprint);
        ClientFingerprint row = ClientFingerprints.jvmWide().getFingerprints().stream()
                .filter(f -> f.getFingerprint().equals(fingerprint)).findFirst().orElseThrow();
        assertTrue(row.getWithoutHybrid() >= 1, "the classic client offered no hybrid group");
        assertEquals("TLSv1.3,TLSv1.2", row.getVersions());
    }

    @Test
    void theSessionNamesTheGroupOnTheWire() throws Exception {
        SSLContext pqws = profile(null);
        for (String[] offered : List.of(HYBRID_CLIENT, CLASSIC_FIRST_CLIENT, CLASSIC_CLIENT)) {
            MemoryHandshake handshake = completed(TestPki.bcClient(offered), TestPki.server(pqws));
            int wire = TlsRecords.serverHellos(handshake.server.sent.toByteArray()).selectedGroup();
            assertEquals(Groups.name(wire), handshake.server.engine.getSession()
                    .getValue(ClientHelloGuardEngine.GROUP_SESSION_VALUE), String.join(",", offered));
            assertNull(handshake.client.engine.getSession().getValue(ClientHelloGuardEngine.GROUP_SESSION_VALUE),
                    "a plain Bouncy Castle engine names no group: the value is the PQWS engine's");
        }
        MemoryHandshake tls12 = completed(TestPki.bcClient(CLASSIC_CLIENT, "TLSv1.2"), TestPki.server(pqws));
        assertEquals("x25519", tls12.server.engine.getSession().getValue(ClientHelloGuardEngine.GROUP_SESSION_VALUE));
    }

    @Test
    void observingChangesNothingThatPlainBouncyCastleNegotiates() throws Exception {
        SSLContext pqws = profile(null);
        SSLEngine plain = TestPki.server(TestPki.bcServerContext());
        PqwsSslContextSpi.preferServerGroupOrder((org.bouncycastle.jsse.BCSSLEngine) plain);

        MemoryHandshake observed = completed(TestPki.bcClient(CLASSIC_FIRST_CLIENT), TestPki.server(pqws));
        MemoryHandshake unobserved = completed(TestPki.bcClient(CLASSIC_FIRST_CLIENT), plain);

        assertEquals(TlsRecords.serverHellos(unobserved.server.sent.toByteArray()),
                TlsRecords.serverHellos(observed.server.sent.toByteArray()));
        assertEquals(unobserved.server.engine.getSession().getCipherSuite(),
                observed.server.engine.getSession().getCipherSuite());
        assertEquals(unobserved.server.engine.getSession().getProtocol(),
                observed.server.engine.getSession().getProtocol());
    }

    @Test
    void aFailedHandshakeIsCountedOnceUnderItsAlertWithWhatTheClientOffered() throws Exception {
        SSLContext pqws = profile(null);
        Map<String, Long> before = published(TestPki.server(pqws));
        SSLEngine noCommonSuite = TestPki.bcClient(HYBRID_CLIENT);
        noCommonSuite.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
        noCommonSuite.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});

        MemoryHandshake failed = MemoryHandshake.run(noCommonSuite, TestPki.server(pqws));

        assertNotNull(failed.server.failure);
        assertEquals(Map.of(key(HandshakeFailures.reasonOf(failed.server.failure), "unknown", "unknown", true, false,
                false), 1L), delta(before, published(TestPki.server(pqws))));
    }

    @Test
    void theHybridOnlyProfileCountsItsRefusalsAndItsHybridHandshakes() throws Exception {
        SSLContext pqws = profile("true");
        Map<String, Long> before = published(TestPki.server(pqws));

        MemoryHandshake refused = MemoryHandshake.run(TestPki.bcClient(CLASSIC_CLIENT), TestPki.server(pqws));
        completed(TestPki.bcClient(HYBRID_CLIENT), TestPki.server(pqws));

        assertNotNull(refused.server.failure);
        assertEquals(Map.of(
                key(HandshakeFailures.NO_HYBRID_GROUP, "unknown", "unknown", false, false, false), 1L,
                key("completed", "TLSv1.3", "X25519MLKEM768", true, false, true), 1L),
                delta(before, published(TestPki.server(pqws))));
    }

    @Test
    void clientEnginesAreNotCounted() throws Exception {
        SSLContext pqws = profile(null);
        Map<String, Long> before = published(TestPki.server(pqws));
        SSLContext pqwsClient = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        pqwsClient.init(null, TestPki.trustManagers(TestPki.BCJSSE), null);
        SSLEngine client = pqwsClient.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);

        completed(client, TestPki.server(TestPki.bcServerContext()));

        assertEquals(Map.of(), delta(before, published(TestPki.server(pqws))));
    }

    private static MemoryHandshake completed(SSLEngine client, SSLEngine server) {
        MemoryHandshake handshake = MemoryHandshake.run(client, server);
        assertTrue(handshake.completed(), () -> "handshake failed: " + handshake.client.failure + " / "
                + handshake.server.failure);
        return handshake;
    }

    private static void assertWire(MemoryHandshake handshake, int group, boolean helloRetry) {
        TlsRecords.ServerHellos wire = TlsRecords.serverHellos(handshake.server.sent.toByteArray());
        assertEquals(group, wire.selectedGroup(), "the group on the wire");
        assertEquals(helloRetry, wire.helloRetryRequest(), "a HelloRetryRequest on the wire");
    }

    private static String key(String outcome, String protocol, String group, boolean offered, boolean keyShare,
            boolean helloRetry) {
        return new ServerHandshake(outcome, protocol, group, offered, keyShare, helloRetry).key();
    }

    /** The published counts, read as a JMX client reads them; {@code first} makes sure the bean is registered. */
    private static Map<String, Long> published(SSLEngine first) throws Exception {
        assertNotNull(first);
        Object value = ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName(ServerHandshakes.OBJECT_NAME), "Counts");
        Map<String, Long> counts = new HashMap<>();
        for (Object row : ((TabularData) value).values()) {
            CompositeData data = (CompositeData) row;
            counts.put((String) data.get("key"), (Long) data.get("value"));
        }
        return counts;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((key, count) -> {
            long added = count - before.getOrDefault(key, 0L);
            if (added != 0) {
                delta.put(key, added);
            }
        });
        return delta;
    }
}
