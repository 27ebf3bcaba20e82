package io.pqws.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pqws.jsse.PqwsJsseProvider;
import io.pqws.testsupport.InMemoryCredentials;
import io.pqws.tls.bc.BcNegotiatedGroupReader;

/**
 * The two ways the resolver learns a session's group name the same group for the same handshake: the value the PQWS
 * provider puts in the session (all that reaches the WAR where a container hides the engine, as Undertow does with
 * HTTP/2 on) and Bouncy Castle's own connection ({@link BcNegotiatedGroupReader}). Real handshakes between a Bouncy
 * Castle client and a PQWS server engine, in memory, with clients that get the hybrid group at once, after a
 * HelloRetryRequest, and a classic group; a plain Bouncy Castle server is the control
 * that names nothing in its session, so there the resolver falls back to reading Bouncy Castle.
 */
class SessionGroupTest {

    private static final String NAMED_GROUPS = "jdk.tls.namedGroups";
    private static final InMemoryCredentials CREDENTIALS = InMemoryCredentials.ecdsaP256Localhost();
    private final BouncyCastleJsseProvider bcJsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    private String namedGroupsBefore;

    @BeforeEach
    void serverGroupOrder() {
        namedGroupsBefore = System.setProperty(NAMED_GROUPS, "X25519MLKEM768,x25519,secp256r1");
    }

    @AfterEach
    void restore() {
        if (namedGroupsBefore == null) {
            System.clearProperty(NAMED_GROUPS);
        } else {
            System.setProperty(NAMED_GROUPS, namedGroupsBefore);
        }
    }

    @Test
    void thePqwsSessionNamesTheGroupBouncyCastleNegotiated() throws Exception {
        SSLContext pqws = SSLContext.getInstance("TLS", new PqwsJsseProvider(bcJsse));
        pqws.init(CREDENTIALS.keyManagers("PKIX", bcJsse).getKeyManagers(), null, null);
        assertSameGroup(pqws, "TLSv1.3", "X25519MLKEM768", "X25519MLKEM768", "x25519", "secp256r1");
        assertSameGroup(pqws, "TLSv1.3", "X25519MLKEM768", "x25519", "X25519MLKEM768", "secp256r1");
        assertSameGroup(pqws, "TLSv1.3", "x25519", "x25519", "secp256r1");
    }

    /**
     * Over TLS 1.2 Bouncy Castle 1.84 keeps no negotiated group in its connection (the reader finds none), so the
     * session's name is checked against the curve of the server's ECDHE parameters on the wire instead.
     */
    @Test
    void overTls12TheSessionNamesTheCurveOnTheWireWhereBouncyCastleNamesNone() throws Exception {
        SSLContext pqws = SSLContext.getInstance("TLS", new PqwsJsseProvider(bcJsse));
        pqws.init(CREDENTIALS.keyManagers("PKIX", bcJsse).getKeyManagers(), null, null);
        for (String[] offered : List.of(new String[] {"x25519", "secp256r1"}, new String[] {"secp256r1"})) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            SSLEngine server = handshake(pqws, wire, "TLSv1.2", offered);
            assertEquals("TLSv1.2", server.getSession().getProtocol());
            assertTrue(BcNegotiatedGroupReader.negotiatedGroup(server).isEmpty());
            String curve = NamedGroups.nameOf(serverKeyExchangeCurve(wire.toByteArray()));
            assertEquals(offered[0], curve, "positive control: the client's first curve is the one on the wire");
            assertEquals(curve, TlsFactsResolver.fromEngine(server, null).namedGroup());
        }
    }

    @Test
    void withoutThePqwsProviderTheResolverReadsBouncyCastle() throws Exception {
        SSLContext plain = SSLContext.getInstance("TLS", bcJsse);
        plain.init(CREDENTIALS.keyManagers("PKIX", bcJsse).getKeyManagers(), null, null);
        SSLEngine server = handshake(plain, new ByteArrayOutputStream(), "TLSv1.3", "x25519", "secp256r1");

        assertTrue(TlsFactsResolver.groupNamedInSession(server.getSession()).isEmpty());
        assertEquals("x25519", TlsFactsResolver.fromEngine(server, null).namedGroup());
        assertNull(TlsFactsResolver.fromEngine(server, null).namedGroupUnavailable());
    }

    private void assertSameGroup(SSLContext pqws, String protocol, String expected, String... clientGroups)
            throws SSLException {
        SSLEngine server = handshake(pqws, new ByteArrayOutputStream(), protocol, clientGroups);
        String fromBouncyCastle = NamedGroups.nameOf(BcNegotiatedGroupReader.negotiatedGroup(server).orElseThrow());
        String fromSession = TlsFactsResolver.groupNamedInSession(server.getSession()).orElseThrow();
        String offered = protocol + " " + String.join(",", clientGroups);
        assertEquals(expected, fromBouncyCastle, offered);
        assertEquals(fromBouncyCastle, fromSession, offered);
        assertEquals(protocol, server.getSession().getProtocol(), offered);
        TlsFacts facts = TlsFactsResolver.fromEngine(server, null);
        assertEquals(expected, facts.namedGroup(), offered);
        assertEquals(NamedGroups.isHybridPostQuantum(expected), facts.hybridPostQuantum(), offered);
    }

    /**
     * A Bouncy Castle client offering these groups in this order, against a server engine of this context; what the
     * server sent is copied to {@code serverSent}.
     */
    private SSLEngine handshake(SSLContext serverContext, ByteArrayOutputStream serverSent, String protocol,
            String... clientGroups)
            throws SSLException {
        SSLContext clientContext;
        try {
            clientContext = SSLContext.getInstance("TLS", bcJsse);
            clientContext.init(null, CREDENTIALS.trustManagers("PKIX", bcJsse).getTrustManagers(), null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        BCSSLParameters parameters = ((BCSSLEngine) client).getParameters();
        parameters.setNamedGroups(clientGroups);
        ((BCSSLEngine) client).setParameters(parameters);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);

        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100; step++) {
            boolean progress = step(client, toClient, toServer, new ByteArrayOutputStream())
                    | step(server, toServer, toClient, serverSent);
            if (!progress && idle(client) && idle(server)) {
                return server;
            }
        }
        throw new IllegalStateException("no handshake after 100 steps: client " + client.getHandshakeStatus()
                + ", server " + server.getHandshakeStatus());
    }

    /** One round of an engine: take what the peer sent, then send what it has; whether any bytes moved. */
    private static boolean step(SSLEngine engine, ByteBuffer received, ByteBuffer sending, ByteArrayOutputStream sent)
            throws SSLException {
        received.flip();
        int consumed = engine.unwrap(received, ByteBuffer.allocate(1 << 16)).bytesConsumed();
        received.compact();
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
        int start = sending.position();
        int produced = engine.wrap(ByteBuffer.allocate(0), sending).bytesProduced();
        sent.write(sending.array(), start, produced);
        return consumed > 0 || produced > 0;
    }

    /**
     * The named curve of the TLS 1.2 ServerKeyExchange (handshake type 12, {@code curve_type} 3 = named_curve) in
     * the server's plaintext handshake records.
     */
    private static int serverKeyExchangeCurve(byte[] stream) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        for (int at = 0; at + 5 <= stream.length; at += 5 + length(stream, at + 3, 2)) {
            if (stream[at] == 20) {
                break; // ChangeCipherSpec: what follows is encrypted
            }
            if (stream[at] == 22) {
                handshake.write(stream, at + 5, length(stream, at + 3, 2));
            }
        }
        byte[] messages = handshake.toByteArray();
        for (int at = 0; at + 4 <= messages.length; at += 4 + length(messages, at + 1, 3)) {
            if (messages[at] == 12) {
                assertEquals(3, messages[at + 4], "curve_type named_curve");
                return length(messages, at + 5, 2);
            }
        }
        throw new AssertionError("no ServerKeyExchange among the server's plaintext handshake messages");
    }

    private static int length(byte[] bytes, int at, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | bytes[at + i] & 0xFF;
        }
        return value;
    }

    private static boolean idle(SSLEngine engine) {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }
}
