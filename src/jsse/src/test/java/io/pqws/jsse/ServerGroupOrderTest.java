package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.bouncycastle.jsse.BCSSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "hybrid" profile: PQWS over BCJSSE makes the server's group order win. Every assertion that PQWS changes the
 * outcome is paired with plain BCJSSE doing otherwise for the same client, so the test cannot pass vacuously.
 */
class ServerGroupOrderTest {

    private static final String SERVER_GROUPS = "X25519MLKEM768,x25519,secp256r1";
    /**
     * Classic first, as in BCJSSE's own default order. secp256r1 is there for the certificate: like the server (fact
     * 2 of the brief), a BCJSSE client allows {@code ecdsa_secp256r1_sha256} in TLS 1.3 only with secp256r1 among its
     * named groups, so without it no BCJSSE client accepts an ECDSA P-256 server certificate.
     */
    private static final String[] CLASSIC_FIRST_CLIENT = {"x25519", "X25519MLKEM768", "secp256r1"};

    private SystemProperties properties;

    @BeforeEach
    void hybridProfile() {
        properties = SystemProperties.set("jdk.tls.namedGroups", SERVER_GROUPS, PqwsJssePolicy.REQUIRE_HYBRID, null);
    }

    @AfterEach
    void restore() {
        properties.close();
    }

    private static SSLContext pqwsServerContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        context.init(TestPki.keyManagers(), null, null);
        return context;
    }

    @Test
    void plainBcjssePicksTheClientsClassicFavourite() throws Exception {
        MemoryHandshake handshake = MemoryHandshake.run(TestPki.bcClient(CLASSIC_FIRST_CLIENT),
                TestPki.server(TestPki.bcServerContext()));

        assertTrue(handshake.completed(), () -> "handshake failed: " + handshake.client.failure + " / "
                + handshake.server.failure);
        assertEquals(Groups.X25519, TlsRecords.serverHellos(handshake.server.sent.toByteArray()).selectedGroup());
    }

    @Test
    void pqwsMakesTheServerOrderWin() throws Exception {
        SSLEngine server = TestPki.server(pqwsServerContext());
        MemoryHandshake handshake = MemoryHandshake.run(TestPki.bcClient(CLASSIC_FIRST_CLIENT), server);

        assertTrue(handshake.completed(), () -> "handshake failed: " + handshake.client.failure + " / "
                + handshake.server.failure);
        TlsRecords.ServerHellos hellos = TlsRecords.serverHellos(handshake.server.sent.toByteArray());
        assertEquals(Groups.X25519_MLKEM768, hellos.selectedGroup());
        assertTrue(hellos.helloRetryRequest(), "the client sent only an x25519 share, so the server must ask again");
        assertEquals("TLSv1.3", handshake.client.engine.getSession().getProtocol());
        assertTrue(TestPki.isEcdsaP256((X509Certificate) handshake.client.engine.getSession().getPeerCertificates()[0]));
        assertInstanceOf(ClientHelloGuardEngine.class, server, "every server engine observes its handshake");
        assertTrue(((BCSSLEngine) server).getParameters().getUseNamedGroupsOrder());
        assertNotNull(((BCSSLEngine) server).getConnection());
    }

    @Test
    void classicOnlyClientsAreStillServed() throws Exception {
        SSLEngine client = TestPki.sunClientContext().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        MemoryHandshake handshake = MemoryHandshake.run(client, TestPki.server(pqwsServerContext()));

        assertTrue(handshake.completed(), () -> "handshake failed: " + handshake.client.failure + " / "
                + handshake.server.failure);
        assertEquals("TLSv1.3", handshake.client.engine.getSession().getProtocol());
        assertEquals(Groups.X25519, TlsRecords.serverHellos(handshake.server.sent.toByteArray()).selectedGroup());
    }

    @Test
    void theFlagIsHarmlessOnClientEngines() throws Exception {
        SSLContext pqwsClientContext = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        pqwsClientContext.init(null, TestPki.trustManagers(TestPki.BCJSSE), null);
        SSLEngine client = pqwsClientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        assertTrue(((BCSSLEngine) client).getParameters().getUseNamedGroupsOrder());

        MemoryHandshake handshake = MemoryHandshake.run(client, TestPki.server(TestPki.bcServerContext()));

        assertTrue(handshake.completed(), () -> "handshake failed: " + handshake.client.failure + " / "
                + handshake.server.failure);
        // The plain BCJSSE server follows the client's order, which jdk.tls.namedGroups puts hybrid first.
        assertEquals(Groups.X25519_MLKEM768, TlsRecords.serverHellos(handshake.server.sent.toByteArray()).selectedGroup());
    }

    /**
     * BCJSSE recognizes its default protocol and cipher suite arrays by identity when {@code setUseClientMode(false)}
     * switches an engine to the server defaults; turning the flag on must not break that.
     */
    @Test
    void serverDefaultsStillApplyAfterTheModeSwitch() throws Exception {
        properties.and("jdk.tls.server.protocols", "TLSv1.3");
        SSLContext plain = TestPki.bcServerContext();
        SSLContext pqws = pqwsServerContext();
        SSLEngine plainServer = TestPki.server(plain);
        SSLEngine pqwsServer = TestPki.server(pqws);

        assertArrayEquals(new String[] {"TLSv1.3"}, plainServer.getEnabledProtocols(), "positive control");
        assertArrayEquals(plainServer.getEnabledProtocols(), pqwsServer.getEnabledProtocols());
        assertArrayEquals(plainServer.getEnabledCipherSuites(), pqwsServer.getEnabledCipherSuites());
        assertFalse(plain.createSSLEngine().getEnabledProtocols().length == 1, "client defaults differ");
    }

    @Test
    void everyBcjsseAlgorithmNameIsCovered() throws Exception {
        PqwsJsseProvider provider = new PqwsJsseProvider(TestPki.BCJSSE);
        for (String algorithm : new String[] {"TLS", "SSL", "TLSv1", "SSLv3", "TLSv1.1", "TLSv1.2", "TLSv1.3", "tls"}) {
            assertSame(provider, SSLContext.getInstance(algorithm, provider).getProvider(), algorithm);
        }
    }
}
