package io.pqws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;

import io.pqws.testsupport.InMemoryCredentials;

/** The wire reader on real TLS 1.3 handshakes between two BCJSSE engines in memory. */
class HandshakeScannerTest {

    private static final Provider JSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    private static final InMemoryCredentials SERVER = InMemoryCredentials.ecdsaP256Localhost();
    private static final int X25519 = 0x001D;
    private static final int SECP256R1 = 0x0017;
    private static final int X25519_MLKEM768 = 0x11EC;

    @Test
    void aHybridShareInTheFirstClientHelloNeedsNoRetryAndCostsAboutOneKilobyteEachWay() throws Exception {
        HandshakeScanner.Wire hybrid = handshake(List.of("X25519MLKEM768", "x25519", "secp256r1"),
                List.of("X25519MLKEM768"), List.of("X25519MLKEM768", "x25519", "secp256r1"));
        HandshakeScanner.Wire classic = handshake(List.of("x25519", "secp256r1"), List.of("x25519"),
                List.of("x25519", "secp256r1"));
        assertEquals(X25519_MLKEM768, hybrid.group());
        assertEquals(X25519, classic.group());
        assertEquals(0, hybrid.helloRetryRequests());
        assertEquals(1, hybrid.clientHellos());
        assertEquals(0x0304, hybrid.version());
        assertFalse(hybrid.resumed());
        // ML-KEM-768: a 1184-byte encapsulation key from the client, a 1088-byte ciphertext from the server.
        assertEquals(1184 + 2, hybrid.clientHelloBytes() - classic.clientHelloBytes(),
                "the key, plus 2 bytes for the third group in supported_groups");
        assertEquals(1088, hybrid.serverHelloBytes() - classic.serverHelloBytes(), "server share grows by the ct");
        assertTrue(hybrid.bytesFromServer() > hybrid.serverHelloBytes(), "the encrypted flight is counted too");
    }

    @Test
    void aServerWithoutTheClientsShareAsksAgain() throws Exception {
        HandshakeScanner.Wire retried = handshake(List.of("x25519", "secp256r1"), List.of("x25519"),
                List.of("secp256r1"));
        assertEquals(1, retried.helloRetryRequests());
        assertEquals(2, retried.clientHellos());
        assertEquals(SECP256R1, retried.group(), "the group of the final ServerHello, not of the retry request");
        assertTrue(retried.serverHelloSeen());
    }

    @Test
    void positiveControl_theSameClientWithAShareTheServerHasIsNotAskedAgain() throws Exception {
        HandshakeScanner.Wire direct = handshake(List.of("x25519", "secp256r1"), List.of("secp256r1"),
                List.of("secp256r1"));
        assertEquals(0, direct.helloRetryRequests());
        assertEquals(1, direct.clientHellos());
        assertEquals(SECP256R1, direct.group());
    }

    @Test
    void bytesSplitAnywhereAreReassembled() throws Exception {
        HandshakeScanner whole = new HandshakeScanner();
        HandshakeScanner split = new HandshakeScanner();
        Transcript transcript = transcript(List.of("X25519MLKEM768", "x25519", "secp256r1"),
                List.of("X25519MLKEM768"), List.of("X25519MLKEM768", "x25519", "secp256r1"));
        for (byte[] flight : transcript.client) {
            whole.clientSent(flight, 0, flight.length);
            for (int i = 0; i < flight.length; i++) {
                split.clientSent(flight, i, 1);
            }
        }
        for (byte[] flight : transcript.server) {
            whole.serverSent(flight, 0, flight.length);
            for (int i = 0; i < flight.length; i += 7) {
                split.serverSent(flight, i, Math.min(7, flight.length - i));
            }
        }
        assertEquals(whole.wire(), split.wire());
        assertEquals(X25519_MLKEM768, split.wire().group());
    }

    /** Both directions of one handshake, flight by flight. */
    private record Transcript(List<byte[]> client, List<byte[]> server) {
    }

    private static HandshakeScanner.Wire handshake(List<String> clientGroups, List<String> clientShares,
            List<String> serverGroups) throws Exception {
        HandshakeScanner scanner = new HandshakeScanner();
        Transcript transcript = transcript(clientGroups, clientShares, serverGroups);
        transcript.client().forEach(b -> scanner.clientSent(b, 0, b.length));
        transcript.server().forEach(b -> scanner.serverSent(b, 0, b.length));
        return scanner.wire();
    }

    private static Transcript transcript(List<String> clientGroups, List<String> clientShares,
            List<String> serverGroups) throws Exception {
        SSLContext serverContext = SSLContext.getInstance("TLS", JSSE);
        serverContext.init(SERVER.keyManagers("PKIX", JSSE).getKeyManagers(), null, null);
        SSLContext clientContext = SSLContext.getInstance("TLS", JSSE);
        clientContext.init(null, SERVER.trustManagers("PKIX", JSSE).getTrustManagers(), null);
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        BCSSLParameters clientParameters = ((BCSSLEngine) client).getParameters();
        clientParameters.setNamedGroups(clientGroups.toArray(String[]::new));
        clientParameters.setEarlyKeyShares(clientShares.toArray(String[]::new));
        clientParameters.setProtocols(new String[] {"TLSv1.3"});
        ((BCSSLEngine) client).setParameters(clientParameters);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        BCSSLParameters serverParameters = ((BCSSLEngine) server).getParameters();
        serverParameters.setNamedGroups(serverGroups.toArray(String[]::new));
        ((BCSSLEngine) server).setParameters(serverParameters);

        List<byte[]> fromClient = new ArrayList<>();
        List<byte[]> fromServer = new ArrayList<>();
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100 && !(done(client) && done(server)); step++) {
            byte[] c = wrap(client);
            fromClient.add(c);
            toServer.put(c);
            byte[] s = wrap(server);
            fromServer.add(s);
            toClient.put(s);
            unwrap(server, toServer);
            unwrap(client, toClient);
        }
        assertTrue(done(client) && done(server), "the in-memory handshake finished");
        return new Transcript(fromClient, fromServer);
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    /** Everything the engine wants to send now. */
    private static byte[] wrap(SSLEngine engine) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(1 << 17);
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            engine.wrap(ByteBuffer.allocate(0), out);
            runTasks(engine);
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    /** Feeds the engine what it can take from {@code pending} (in write mode); the rest waits for the next step. */
    private static void unwrap(SSLEngine engine, ByteBuffer pending) throws Exception {
        pending.flip();
        ByteBuffer sink = ByteBuffer.allocate(1 << 17);
        while (pending.hasRemaining() && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
            if (engine.unwrap(pending, sink).bytesConsumed() == 0) {
                break;
            }
            runTasks(engine);
        }
        pending.compact();
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
