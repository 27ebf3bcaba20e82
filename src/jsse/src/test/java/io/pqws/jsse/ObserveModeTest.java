package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.ProviderException;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code observe} mode ({@code pqws.tls.mode=observe}): the JDK's SunJSSE negotiates exactly what it negotiates
 * without pqws, every server handshake is counted with what the client offered and the group the server's own
 * ServerHello or ServerKeyExchange named, and the group and JA4 reach the session for the pqws library. Every check
 * is against a plain SunJSSE server engine meeting the same client, or the bytes on the wire.
 */
class ObserveModeTest {

    private static final String[] HYBRID_CLIENT = {"X25519MLKEM768", "x25519", "secp256r1"};
    private static final String[] CLASSIC_CLIENT = {"x25519", "secp256r1"};
    private static final String[] P256_CLIENT = {"secp256r1"};

    private SystemProperties properties = SystemProperties.set();

    @AfterEach
    void restore() {
        properties.close();
    }

    private SSLContext observing() throws Exception {
        properties = SystemProperties.set(PqwsJssePolicy.MODE, "observe", PqwsJssePolicy.REQUIRE_HYBRID, null);
        SSLContext context = SSLContext.getInstance("TLS", new PqwsJsseProvider());
        context.init(sunKeyManagers(), null, null);
        return context;
    }

    private static SSLContext plainSunJsse() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
        context.init(sunKeyManagers(), null, null);
        return context;
    }

    private static javax.net.ssl.KeyManager[] sunKeyManagers() throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", "SunJSSE");
        factory.init(TestPki.keyStore(), TestPki.PASSWORD);
        return factory.getKeyManagers();
    }

    @Test
    void observingChangesNothingThatSunJsseNegotiates() throws Exception {
        SSLContext observed = observing();
        SSLContext plain = plainSunJsse();
        Object[][] clients = {{HYBRID_CLIENT, new String[0]}, {CLASSIC_CLIENT, new String[0]},
            {P256_CLIENT, new String[0]}, {CLASSIC_CLIENT, new String[] {"TLSv1.2"}}};
        for (Object[] client : clients) {
            String[] groups = (String[]) client[0];
            String[] protocols = (String[]) client[1];
            MemoryHandshake watched = completed(TestPki.bcClient(groups, protocols), TestPki.server(observed));
            MemoryHandshake unwatched = completed(TestPki.bcClient(groups, protocols), TestPki.server(plain));
            assertInstanceOf(ObservingSslEngine.class, watched.server.engine);
            SSLSession withPqws = watched.server.engine.getSession();
            SSLSession without = unwatched.server.engine.getSession();
            String what = String.join(",", groups) + " " + String.join(",", protocols);
            assertEquals(without.getProtocol(), withPqws.getProtocol(), what);
            assertEquals(without.getCipherSuite(), withPqws.getCipherSuite(), what);
            assertEquals(flight(unwatched), flight(watched), what);
            assertNotNull(flight(watched).group(), what);
        }
    }

    @Test
    void eachHandshakeIsCountedWithTheGroupTheServerNamedOnTheWire() throws Exception {
        SSLContext observed = observing();
        Map<String, Long> before = ServerHandshakes.jvmWide().getCounts();
        Map<String, ClientFingerprint> rowsBefore = new HashMap<>();
        ClientFingerprints.jvmWide().getFingerprints().forEach(f -> rowsBefore.put(f.getFingerprint(), f));

        MemoryHandshake hybrid = completed(TestPki.bcClient(HYBRID_CLIENT), TestPki.server(observed));
        MemoryHandshake p256 = completed(TestPki.bcClient(P256_CLIENT), TestPki.server(observed));
        MemoryHandshake tls12 = completed(TestPki.bcClient(CLASSIC_CLIENT, "TLSv1.2"), TestPki.server(observed));
        MemoryHandshake sun = completed(sunClient(), TestPki.server(observed));

        // JDK 17's SunJSSE has no hybrid group: the hybrid offer is seen, and served with x25519.
        assertWireAndSession(hybrid, Groups.X25519);
        assertWireAndSession(p256, Groups.SECP256R1);
        assertWireAndSession(sun, Groups.X25519);
        assertEquals("x25519", tls12.server.engine.getSession().getValue(ClientHelloGuardEngine.GROUP_SESSION_VALUE),
                "the TLS 1.2 group comes from the ServerKeyExchange");
        assertEquals(Map.of(
                key("TLSv1.3", "x25519", true, false), 1L,
                key("TLSv1.3", "secp256r1", false, false), 1L,
                key("TLSv1.2", "x25519", false, false), 1L,
                key("TLSv1.3", "x25519", false, false), 1L), delta(before, ServerHandshakes.jvmWide().getCounts()));

        // JA4 leaves supported_groups out, so both BCJSSE TLS 1.3 clients share one row: one of its two handshakes
        // offered a hybrid group, the other would be refused under hybrid-only.
        String ja4 = fingerprint(hybrid);
        assertEquals(ja4, fingerprint(p256));
        ClientFingerprint row = row(ja4);
        ClientFingerprint rowBefore = rowsBefore.get(ja4);
        assertEquals(rowBefore == null ? 2 : rowBefore.getCount() + 2, row.getCount());
        assertEquals(rowBefore == null ? 1 : rowBefore.getWithoutHybrid() + 1, row.getWithoutHybrid());
    }

    @Test
    void aTls12ResumptionIsCountedAsResumedNotAsAGroup() throws Exception {
        SSLContext observed = observing();
        SSLContext client = TestPki.sunClientContext();
        completed(tls12SunClient(client), TestPki.server(observed));
        Map<String, Long> before = ServerHandshakes.jvmWide().getCounts();

        MemoryHandshake resumed = completed(tls12SunClient(client), TestPki.server(observed));

        assertEquals(ServerHandshake.RESUMED,
                resumed.server.engine.getSession().getValue(ClientHelloGuardEngine.GROUP_SESSION_VALUE));
        assertEquals(Map.of(key("TLSv1.2", ServerHandshake.RESUMED, false, false), 1L),
                delta(before, ServerHandshakes.jvmWide().getCounts()));
    }

    @Test
    void aFailedHandshakeIsCountedOnceAsOtherWithWhatTheClientOffered() throws Exception {
        SSLContext observed = observing();
        Map<String, Long> before = ServerHandshakes.jvmWide().getCounts();
        SSLEngine rsaOnly = TestPki.bcClient(HYBRID_CLIENT, "TLSv1.2");
        rsaOnly.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});

        // A TLS 1.2-only BCJSSE client names no hybrid group (they exist in TLS 1.3 only).
        MemoryHandshake failed = MemoryHandshake.run(rsaOnly, TestPki.server(observed));
        MemoryHandshake control = MemoryHandshake.run(TestPki.bcClient(HYBRID_CLIENT, "TLSv1.2"),
                TestPki.server(observed));

        assertNotNull(failed.server.failure, "an ECDSA server has no suite for an RSA-only client");
        assertTrue(control.completed(), "the positive control: the same client with its default suites");
        assertEquals(Map.of(
                new ServerHandshake(HandshakeFailures.OTHER, ServerHandshake.UNKNOWN, ServerHandshake.UNKNOWN, false,
                        false, false).key(), 1L,
                key("TLSv1.2", "x25519", false, false), 1L), delta(before, ServerHandshakes.jvmWide().getCounts()));
    }

    @Test
    void clientEnginesAreNeitherWatchedNorCounted() throws Exception {
        properties = SystemProperties.set(PqwsJssePolicy.MODE, "observe", PqwsJssePolicy.REQUIRE_HYBRID, null);
        SSLContext observedClient = SSLContext.getInstance("TLS", new PqwsJsseProvider());
        observedClient.init(null, TestPki.trustManagers(java.security.Security.getProvider("SunJSSE")), null);
        SSLEngine client = observedClient.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        Map<String, Long> before = ServerHandshakes.jvmWide().getCounts();

        completed(client, TestPki.server(plainSunJsse()));

        assertInstanceOf(ObservingSslEngine.class, client);
        assertEquals(Map.of(), delta(before, ServerHandshakes.jvmWide().getCounts()));
    }

    @Test
    void theModeIsValidatedOnceAndAnUnknownValueFailsEveryRequest() {
        properties = SystemProperties.set(PqwsJssePolicy.MODE, "observing", PqwsJssePolicy.REQUIRE_HYBRID, null);
        PqwsJsseProvider misconfigured = new PqwsJsseProvider();
        ProviderException failure = assertThrows(ProviderException.class,
                () -> SSLContext.getInstance("TLS", misconfigured));
        assertTrue(failure.getMessage().contains("pqws.tls.mode must be 'policy'"), failure.getMessage());

        properties.and(PqwsJssePolicy.MODE, "observe", PqwsJssePolicy.REQUIRE_HYBRID, "true");
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                PqwsJssePolicy::fromSystemProperties);
        assertTrue(both.getMessage().contains("cannot be combined with pqws.tls.requireHybrid=true"),
                both.getMessage());

        properties.and(PqwsJssePolicy.MODE, "policy", PqwsJssePolicy.REQUIRE_HYBRID, null);
        assertFalse(PqwsJssePolicy.fromSystemProperties().observeOnly(), "the positive control: policy mode");
        properties.and(PqwsJssePolicy.MODE, "observe");
        assertTrue(PqwsJssePolicy.fromSystemProperties().observeOnly());
    }

    @Test
    void theFlightTapReadsAHelloRetryRequestAsTheWireShowsIt() throws Exception {
        properties = SystemProperties.set("jdk.tls.namedGroups", "X25519MLKEM768,x25519,secp256r1");
        SSLContext bcPolicy = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        bcPolicy.init(TestPki.keyManagers(), null, null);
        MemoryHandshake retried = completed(TestPki.bcClient(new String[] {"x25519", "X25519MLKEM768", "secp256r1"}),
                TestPki.server(bcPolicy));
        byte[] wire = retried.server.sent.toByteArray();

        ServerFlightTap tap = new ServerFlightTap();
        tap.offer(java.nio.ByteBuffer.wrap(wire));

        TlsRecords.ServerHellos expected = TlsRecords.serverHellos(wire);
        assertTrue(expected.helloRetryRequest(), "the positive control: BCJSSE sent a HelloRetryRequest");
        assertEquals(new ServerFlightTap.Flight(expected.selectedGroup(), false, true), tap.flight());
    }

    /** What the server's flight on the wire named, read with the class under test from the raw bytes. */
    private static ServerFlightTap.Flight flight(MemoryHandshake handshake) {
        ServerFlightTap tap = new ServerFlightTap();
        tap.offer(java.nio.ByteBuffer.wrap(handshake.server.sent.toByteArray()));
        return tap.flight();
    }

    private static SSLEngine sunClient() throws Exception {
        SSLEngine engine = TestPki.sunClientContext().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        return engine;
    }

    private static SSLEngine tls12SunClient(SSLContext context) {
        SSLEngine engine = context.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        return engine;
    }

    private static MemoryHandshake completed(SSLEngine client, SSLEngine server) {
        MemoryHandshake handshake = MemoryHandshake.run(client, server);
        assertTrue(handshake.completed(), () -> "handshake failed: " + handshake.client.failure + " / "
                + handshake.server.failure);
        return handshake;
    }

    private static void assertWireAndSession(MemoryHandshake handshake, int group) {
        TlsRecords.ServerHellos wire = TlsRecords.serverHellos(handshake.server.sent.toByteArray());
        assertEquals(group, wire.selectedGroup(), "the group on the wire");
        assertEquals(Groups.name(group), handshake.server.engine.getSession()
                .getValue(ClientHelloGuardEngine.GROUP_SESSION_VALUE), "the group in the session");
    }

    private static String fingerprint(MemoryHandshake handshake) {
        Object value = handshake.server.engine.getSession().getValue(ClientHelloGuardEngine.FINGERPRINT_SESSION_VALUE);
        assertInstanceOf(String.class, value, "a JA4 in the session");
        return (String) value;
    }

    private static ClientFingerprint row(String fingerprint) {
        return ClientFingerprints.jvmWide().getFingerprints().stream()
                .filter(f -> f.getFingerprint().equals(fingerprint)).findFirst().orElseThrow();
    }

    private static String key(String protocol, String group, boolean offered, boolean helloRetry) {
        return new ServerHandshake(ServerHandshake.COMPLETED, protocol, group, offered, false, helloRetry).key();
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
