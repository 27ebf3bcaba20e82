package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLProtocolException;

import org.bouncycastle.jsse.BCSSLConnection;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.tls.TlsContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "hybrid-only" profile: classic-only clients get a {@code handshake_failure} alert, hybrid clients get
 * X25519MLKEM768 and the ECDSA P-256 certificate.
 */
class RequireHybridTest {

    private static final String[] CLASSIC = {"x25519", "secp256r1"};
    private static final String[] HYBRID = {"X25519MLKEM768", "secp256r1"};
    private static final String[] MIXED = {"x25519", "X25519MLKEM768", "secp256r1"};

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

    private SSLEngine server() {
        SSLEngine server = TestPki.server(context);
        assertInstanceOf(ClientHelloGuardEngine.class, server);
        return server;
    }

    private static void assertHybridWithP256(MemoryHandshake handshake) throws Exception {
        assertTrue(handshake.completed(), () -> "handshake failed: " + handshake.client.failure + " / "
                + handshake.server.failure);
        assertEquals("TLSv1.3", handshake.client.engine.getSession().getProtocol());
        assertEquals(Groups.X25519_MLKEM768, TlsRecords.serverHellos(handshake.server.sent.toByteArray()).selectedGroup());
        X509Certificate presented = (X509Certificate) handshake.client.engine.getSession().getPeerCertificates()[0];
        assertEquals(TestPki.CERT, presented);
        assertTrue(TestPki.isEcdsaP256(presented));
    }

    private static void assertRefusedWithAlert(MemoryHandshake handshake, String reason) {
        assertInstanceOf(SSLHandshakeException.class, handshake.server.failure);
        assertTrue(handshake.server.failure.getMessage().contains(reason), handshake.server.failure::getMessage);
        assertArrayEquals(ClientHelloGuardEngine.HANDSHAKE_FAILURE_ALERT, handshake.server.sent.toByteArray(),
                "the server sends the alert and nothing else");
        assertNotNull(handshake.client.failure, "the client learns of the failure");
        assertTrue(causeChain(handshake.client.failure).contains("handshake_failure"),
                () -> causeChain(handshake.client.failure));
    }

    private static String causeChain(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(t).append(" <- ");
        }
        return chain.toString();
    }

    @Test
    void aClassicOnlyBcjsseClientIsRefused() throws Exception {
        MemoryHandshake handshake = MemoryHandshake.run(TestPki.bcClient(CLASSIC), server());

        assertRefusedWithAlert(handshake, HybridRequirement.NO_HYBRID);
    }

    @Test
    void aClassicOnlySunJsseClientIsRefusedWithTheStandardAlert() throws Exception {
        SSLEngine client = TestPki.sunClientContext().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        MemoryHandshake handshake = MemoryHandshake.run(client, server());

        assertRefusedWithAlert(handshake, HybridRequirement.NO_HYBRID);
        assertInstanceOf(SSLHandshakeException.class, handshake.client.failure);
        assertTrue(handshake.client.failure.getMessage().contains("Received fatal alert: handshake_failure"));
    }

    @Test
    void aHybridClientGetsX25519Mlkem768AndTheP256Certificate() throws Exception {
        assertHybridWithP256(MemoryHandshake.run(TestPki.bcClient(HYBRID), server()));
    }

    @Test
    void aMixedClientGetsX25519Mlkem768() throws Exception {
        MemoryHandshake handshake = MemoryHandshake.run(TestPki.bcClient(MIXED), server());

        assertHybridWithP256(handshake);
        assertTrue(TlsRecords.serverHellos(handshake.server.sent.toByteArray()).helloRetryRequest(),
                "the client's early share was x25519");
    }

    /** Not the guard: the guard lets it through, Bouncy Castle's client side then offers no ECDSA P-256 scheme. */
    @Test
    void aBcjsseClientWithoutSecp256r1CannotAcceptTheP256Certificate() throws Exception {
        MemoryHandshake handshake = MemoryHandshake.run(TestPki.bcClient(new String[] {"X25519MLKEM768"}), server());

        assertNotNull(handshake.server.failure);
        assertFalse(causeChain(handshake.server.failure).contains(HybridRequirement.NO_HYBRID));
        assertTrue(causeChain(handshake.server.failure).contains("no selectable cipher suite"),
                () -> causeChain(handshake.server.failure));
    }

    @Test
    void aTls12OnlyClientIsRefused() throws Exception {
        MemoryHandshake handshake = MemoryHandshake.run(TestPki.bcClient(MIXED, "TLSv1.2"), server());

        assertRefusedWithAlert(handshake, "client did not offer TLS 1.3");
    }

    @Test
    void aClientHelloArrivingOneByteAtATimeIsStillParsed() throws Exception {
        MemoryHandshake hybrid = MemoryHandshake.between(TestPki.bcClient(MIXED), server()).trickleToServer().run();
        assertHybridWithP256(hybrid);
        assertTrue(hybrid.server.underflows > 1000, "one underflow per byte short of a record: " + hybrid.server.underflows);

        MemoryHandshake classic = MemoryHandshake.between(TestPki.bcClient(CLASSIC), server()).trickleToServer().run();
        assertRefusedWithAlert(classic, HybridRequirement.NO_HYBRID);
        assertTrue(classic.server.underflows > 100);
    }

    @Test
    void aClientHelloSpreadOverManyRecordsIsStillParsed() throws Exception {
        MemoryHandshake sevenByteRecords = MemoryHandshake.between(TestPki.bcClient(HYBRID), server())
                .rewriteFirstClientFlight(flight -> TlsRecords.refragment(flight, 7)).run();
        assertHybridWithP256(sevenByteRecords);
        assertTrue(TlsRecords.parse(sevenByteRecords.client.sent.toByteArray()).size() > 30);

        MemoryHandshake oneByteRecordsOneByteReads = MemoryHandshake.between(TestPki.bcClient(MIXED), server())
                .rewriteFirstClientFlight(flight -> TlsRecords.refragment(flight, 1)).trickleToServer().run();
        assertHybridWithP256(oneByteRecordsOneByteReads);
        assertTrue(TlsRecords.parse(oneByteRecordsOneByteReads.client.sent.toByteArray()).size() > 200);

        assertRefusedWithAlert(MemoryHandshake.between(TestPki.bcClient(CLASSIC), server())
                .rewriteFirstClientFlight(flight -> TlsRecords.refragment(flight, 1)).run(), HybridRequirement.NO_HYBRID);
    }

    /**
     * The exact SSLEngine sequence of a refusal, as Grizzly's {@code SSLBaseFilter.doHandshakeStep} drives it: unwrap,
     * then wrap while {@code NEED_WRAP}, writing every returned wrap's output even when a later wrap throws.
     */
    @Test
    void aRefusalFollowsTheEngineContract() throws Exception {
        SSLEngine server = server();
        server.beginHandshake();
        assertEquals(HandshakeStatus.NEED_UNWRAP, server.getHandshakeStatus());
        ByteBuffer app = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        ByteBuffer in = ByteBuffer.wrap(ClientHelloBytes.record(ClientHelloBytes.tls13(Groups.X25519, Groups.SECP256R1)));

        SSLEngineResult unwrapped = server.unwrap(in, app);
        assertEquals(Status.OK, unwrapped.getStatus());
        assertEquals(HandshakeStatus.NEED_WRAP, unwrapped.getHandshakeStatus());
        assertFalse(in.hasRemaining(), "the ClientHello record is consumed");
        assertEquals(0, unwrapped.bytesProduced());
        assertTrue(server.isInboundDone());
        assertFalse(server.isOutboundDone(), "the alert and the exception are still to come");
        assertEquals(HandshakeStatus.NEED_WRAP, server.getHandshakeStatus());

        SSLEngineResult tooSmall = server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(6));
        assertEquals(Status.BUFFER_OVERFLOW, tooSmall.getStatus());

        ByteBuffer out = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
        SSLEngineResult alert = server.wrap(ByteBuffer.allocate(0), out);
        assertEquals(Status.CLOSED, alert.getStatus());
        assertEquals(HandshakeStatus.NEED_WRAP, alert.getHandshakeStatus());
        assertEquals(7, alert.bytesProduced());
        assertArrayEquals(TlsRecords.hex("15030300020228"), java.util.Arrays.copyOf(out.array(), out.position()));

        SSLHandshakeException thrown = assertThrows(SSLHandshakeException.class,
                () -> server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(64)));
        assertTrue(thrown.getMessage().startsWith(HybridRequirement.NO_HYBRID), thrown::getMessage);
        assertTrue(thrown.getMessage().contains("[x25519, secp256r1]"), thrown::getMessage);

        SSLEngineResult after = server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(64));
        assertEquals(Status.CLOSED, after.getStatus());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, after.getHandshakeStatus());
        assertEquals(0, after.bytesProduced());
        assertEquals(Status.CLOSED, server.unwrap(ByteBuffer.allocate(10), app).getStatus());
        assertTrue(server.isOutboundDone());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, server.getHandshakeStatus());
    }

    @Test
    void theExceptionSurfacesFromUnwrapTooIfThatComesFirst() throws Exception {
        SSLEngine server = server();
        ByteBuffer app = ByteBuffer.allocate(1 << 15);
        server.unwrap(ByteBuffer.wrap(ClientHelloBytes.record(ClientHelloBytes.tls13(Groups.X25519))), app);
        server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(64));

        assertThrows(SSLHandshakeException.class, () -> server.unwrap(ByteBuffer.allocate(0), app));
        assertEquals(Status.CLOSED, server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(64)).getStatus());
    }

    @Test
    void anIncompleteRecordIsABufferUnderflow() throws Exception {
        SSLEngine server = server();
        byte[] record = ClientHelloBytes.record(ClientHelloBytes.tls13(Groups.X25519_MLKEM768, Groups.SECP256R1));
        ByteBuffer partial = ByteBuffer.wrap(record, 0, record.length - 1);

        SSLEngineResult result = server.unwrap(partial, ByteBuffer.allocate(1 << 15));

        assertEquals(Status.BUFFER_UNDERFLOW, result.getStatus());
        assertEquals(0, result.bytesConsumed());
        assertEquals(0, partial.position());
        assertEquals(HandshakeStatus.NEED_UNWRAP, server.getHandshakeStatus());
    }

    @Test
    void somethingThatIsNotTlsIsRefusedTheSameWay() throws Exception {
        SSLEngine server = server();
        ByteBuffer http = ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        SSLEngineResult result = server.unwrap(http, ByteBuffer.allocate(1 << 15));
        assertEquals(Status.OK, result.getStatus());
        assertEquals(HandshakeStatus.NEED_WRAP, result.getHandshakeStatus());
        ByteBuffer out = ByteBuffer.allocate(64);
        server.wrap(ByteBuffer.allocate(0), out);
        assertEquals(7, out.position());
        SSLHandshakeException thrown = assertThrows(SSLHandshakeException.class,
                () -> server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(64)));
        assertInstanceOf(SSLProtocolException.class, thrown.getCause());
    }

    /** Feeds one client flight to a fresh server engine and returns the exception the refusal surfaces. */
    private SSLHandshakeException refusalOf(byte[] flight) throws Exception {
        SSLEngine server = server();
        SSLEngineResult result = server.unwrap(ByteBuffer.wrap(flight), ByteBuffer.allocate(1 << 15));
        assertEquals(HandshakeStatus.NEED_WRAP, result.getHandshakeStatus());
        ByteBuffer out = ByteBuffer.allocate(64);
        server.wrap(ByteBuffer.allocate(0), out);
        assertArrayEquals(ClientHelloGuardEngine.HANDSHAKE_FAILURE_ALERT, java.util.Arrays.copyOf(out.array(), out.position()));
        return assertThrows(SSLHandshakeException.class, () -> server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(64)));
    }

    @Test
    void oldAndIncompleteHellosAreRefusedTheSameWay() throws Exception {
        byte[] tls10Style = ClientHelloBytes.record(ClientHelloBytes.message(0x0301, null));
        assertTrue(refusalOf(tls10Style).getMessage().startsWith("client did not offer TLS 1.3"));

        byte[] noSupportedGroups = ClientHelloBytes.record(ClientHelloBytes.message(ClientHelloBytes.TLS12,
                ClientHelloBytes.supportedVersions(ClientHelloBytes.TLS13)));
        assertTrue(refusalOf(noSupportedGroups).getMessage().contains("no supported_groups extension"));

        byte[] sslv2Hello = TlsRecords.hex("802E0103010015000000100700C0030080010080060040040080020080" + "00".repeat(16));
        SSLHandshakeException sslv2 = refusalOf(sslv2Hello);
        assertInstanceOf(SSLProtocolException.class, sslv2.getCause());
        assertTrue(sslv2.getMessage().contains("SSLv2"));
    }

    /** Whatever a client sends, the server engine says yes, or no with SSLException types, never anything else. */
    @Test
    void corruptedClientHellosOnlyEverYieldSslExceptions() throws Exception {
        byte[] flight = ClientHelloBytes.firstFlight(TestPki.bcClient(MIXED));
        java.util.Random random = new java.util.Random(42);
        int accepted = 0;
        int refusedByGuard = 0;
        int failedInBouncyCastle = 0;
        for (int round = 0; round < 300; round++) {
            byte[] mutated = flight.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            SSLEngine server = server();
            server.beginHandshake();
            ByteBuffer in = ByteBuffer.wrap(mutated);
            ByteBuffer app = ByteBuffer.allocate(1 << 15);
            try {
                for (int calls = 0; calls < 10 && server.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING; calls++) {
                    if (server.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 16));
                    } else if (server.unwrap(in, app).getStatus() == Status.BUFFER_UNDERFLOW) {
                        break;
                    }
                }
                accepted++; // Bouncy Castle answered (a HelloRetryRequest) and waits for the client
            } catch (SSLHandshakeException e) {
                refusedByGuard++;
            } catch (SSLException e) {
                failedInBouncyCastle++;
            }
        }
        // All three outcomes occur, so the corruption reached both the guard and Bouncy Castle.
        assertTrue(accepted > 0 && refusedByGuard > 0 && failedInBouncyCastle > 0,
                accepted + " accepted, " + refusedByGuard + " refused, " + failedInBouncyCastle + " failed in BC");
    }

    @Test
    void aMalformedClientHelloIsRefusedNotThrownAsSomethingElse() throws Exception {
        byte[] message = ClientHelloBytes.tls13(Groups.X25519_MLKEM768, Groups.SECP256R1);
        message[message.length - 40] ^= 0x7F; // inside the extensions
        SSLEngine client = TestPki.bcClient(HYBRID);
        MemoryHandshake handshake = MemoryHandshake.between(client, server())
                .rewriteFirstClientFlight(flight -> ClientHelloBytes.record(message)).run();

        assertInstanceOf(SSLHandshakeException.class, handshake.server.failure);
        assertArrayEquals(ClientHelloGuardEngine.HANDSHAKE_FAILURE_ALERT, handshake.server.sent.toByteArray());
    }

    /** Other project code reads the negotiated group through {@link BCSSLEngine#getConnection()}. */
    @Test
    void theConnectionIsBouncyCastlesOwn() throws Exception {
        SSLEngine server = server();
        assertNull(((BCSSLEngine) server).getConnection(), "no connection before the handshake");
        assertHybridWithP256(MemoryHandshake.run(TestPki.bcClient(MIXED), server));

        BCSSLConnection connection = ((BCSSLEngine) server).getConnection();
        assertNotNull(connection);
        assertEquals("org.bouncycastle.jsse.provider.ProvSSLConnection", connection.getClass().getName());
        assertEquals(Groups.X25519_MLKEM768, negotiatedGroup(connection));
        assertSame(connection.getSession(), ((BCSSLEngine) server).getBCSession());
    }

    /** Bouncy Castle internals, test-only: ProvSSLConnection#getTlsContext().getSecurityParametersConnection(). */
    private static int negotiatedGroup(BCSSLConnection connection) throws Exception {
        Method getTlsContext = connection.getClass().getDeclaredMethod("getTlsContext");
        getTlsContext.setAccessible(true);
        TlsContext tlsContext = (TlsContext) getTlsContext.invoke(connection);
        return tlsContext.getSecurityParametersConnection().getNegotiatedGroup();
    }

    @Test
    void theApplicationProtocolSelectorSeesTheGuardEngine() throws Exception {
        SSLEngine server = server();
        AtomicReference<SSLEngine> seen = new AtomicReference<>();
        server.setHandshakeApplicationProtocolSelector((engine, offered) -> {
            seen.set(engine);
            return offered.contains("http/1.1") ? "http/1.1" : null;
        });
        SSLEngine client = TestPki.bcClient(MIXED);
        SSLParameters alpn = client.getSSLParameters();
        alpn.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        client.setSSLParameters(alpn);

        assertHybridWithP256(MemoryHandshake.run(client, server));

        assertSame(server, seen.get());
        assertEquals("http/1.1", server.getApplicationProtocol());
        assertEquals("http/1.1", client.getApplicationProtocol());
    }

    @Test
    void anEngineThatTurnsOutToBeAClientIsPassThrough() throws Exception {
        SSLContext clientContext = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        clientContext.init(null, TestPki.trustManagers(TestPki.BCJSSE), null);
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        org.bouncycastle.jsse.BCSSLParameters groups = ((BCSSLEngine) client).getParameters();
        groups.setNamedGroups(CLASSIC);
        ((BCSSLEngine) client).setParameters(groups);

        MemoryHandshake handshake = MemoryHandshake.run(client, TestPki.server(TestPki.bcServerContext()));

        assertTrue(handshake.completed(), () -> "handshake failed: " + handshake.client.failure);
        assertEquals(Groups.X25519, TlsRecords.serverHellos(handshake.server.sent.toByteArray()).selectedGroup());
    }

    @Test
    void anEngineWithTls13DisabledRefusesEveryone() throws Exception {
        SSLEngine server = server();
        server.setEnabledProtocols(new String[] {"TLSv1.2"});

        MemoryHandshake handshake = MemoryHandshake.run(TestPki.bcClient(MIXED), server);

        assertRefusedWithAlert(handshake, "TLS 1.3 disabled");
    }

    @Test
    void anEngineGroupOrderThatWouldPickAClassicGroupRefuses() throws Exception {
        SSLEngine server = server();
        org.bouncycastle.jsse.BCSSLParameters parameters = ((BCSSLEngine) server).getParameters();
        parameters.setNamedGroups(new String[] {"x25519", "X25519MLKEM768", "secp256r1"});
        ((BCSSLEngine) server).setParameters(parameters);

        assertRefusedWithAlert(MemoryHandshake.run(TestPki.bcClient(MIXED), server), "server order selects x25519");
    }

    @Test
    void theServerOrderIsReassertedWhenTheHandshakeBegins() throws Exception {
        SSLEngine server = server();
        ((BCSSLEngine) server).setParameters(new org.bouncycastle.jsse.BCSSLParameters());
        assertFalse(((BCSSLEngine) server).getParameters().getUseNamedGroupsOrder());

        assertHybridWithP256(MemoryHandshake.run(TestPki.bcClient(MIXED), server));
        assertTrue(((BCSSLEngine) server).getParameters().getUseNamedGroupsOrder());
    }

    @Test
    void theProbeSawTheConfiguredOrder() {
        // A guard engine exists only after the probe confirmed Bouncy Castle uses the hybrid group first.
        assertEquals(List.of(Groups.X25519_MLKEM768, Groups.X25519, Groups.SECP256R1),
                new HybridRequirement(List.of(Groups.X25519_MLKEM768, Groups.X25519, Groups.SECP256R1)).serverGroups());
        assertInstanceOf(ClientHelloGuardEngine.class, context.createSSLEngine());
    }
}
