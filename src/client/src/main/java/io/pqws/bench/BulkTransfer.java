package io.pqws.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

import io.pqws.client.BcTls;
import io.pqws.client.KeyStores;

/**
 * Bulk record protection in memory: a client and a server {@link SSLEngine} of the same TLS stack, handshaken with a
 * fixed cipher suite, then the client encrypts 16 KiB records that the server decrypts, as fast as one thread can.
 * No sockets, so what is compared is the TLS stack and the JCA provider doing AES-GCM or ChaCha20-Poly1305.
 */
final class BulkTransfer {

    private static final int RECORD = 16 * 1024;
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** A TLS stack: the JSSE provider, and where its ciphers come from. */
    enum Stack {
        /** The JDK's own TLS, with the JDK's AES-GCM (CPU intrinsics). */
        SUNJSSE("SunJSSE"),
        /** BCJSSE on BC's JCA provider: pure-Java ciphers, as our client was built before the fix. */
        BCJSSE_BC_CRYPTO("BCJSSE, BC crypto"),
        /** BCJSSE on the JDK's JCA providers, as the PQ profiles run it on the server. */
        BCJSSE_JDK_CRYPTO("BCJSSE, JDK crypto"),
        /** BCJSSE exactly as {@code pqws-client} builds it now ({@link BcTls#provider()}). */
        PQWS_CLIENT("pqws-client's BCJSSE");

        private final String label;

        Stack(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        Provider provider() {
            switch (this) {
                case BCJSSE_BC_CRYPTO:
                    return Providers.BC_CRYPTO;
                case BCJSSE_JDK_CRYPTO:
                    return Providers.JDK_CRYPTO;
                case PQWS_CLIENT:
                    return BcTls.provider();
                default:
                    return null;
            }
        }
    }

    private static final class Providers {
        static final Provider BC_CRYPTO = new BouncyCastleJsseProvider(new BouncyCastleProvider());
        static final Provider JDK_CRYPTO = new BouncyCastleJsseProvider(false, new JcaTlsCryptoProvider());
    }

    private final SSLEngine client;
    private final SSLEngine server;
    private final ByteBuffer plain = ByteBuffer.allocate(RECORD);
    private final ByteBuffer net;
    private final ByteBuffer received;

    private BulkTransfer(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        this.net = ByteBuffer.allocate(Math.max(client.getSession().getPacketBufferSize(), 2 * RECORD));
        this.received = ByteBuffer.allocate(Math.max(server.getSession().getApplicationBufferSize(), 2 * RECORD));
    }

    /** A handshaken engine pair of {@code stack} using {@code cipherSuite}, with the dev PKI in {@code certs}. */
    static BulkTransfer open(Stack stack, String cipherSuite, Path certs) throws GeneralSecurityException, IOException {
        Provider provider = stack.provider();
        KeyStore keys = KeyStores.readPkcs12(certs.resolve("server.p12"), PASSWORD);
        KeyStore trust = KeyStores.readPkcs12(certs.resolve("truststore.p12"), PASSWORD);
        String algorithm = "PKIX";
        KeyManagerFactory keyManagers = provider == null ? KeyManagerFactory.getInstance(algorithm, "SunJSSE")
                : KeyManagerFactory.getInstance(algorithm, provider);
        keyManagers.init(keys, PASSWORD);
        TrustManagerFactory trustManagers = provider == null ? TrustManagerFactory.getInstance(algorithm, "SunJSSE")
                : TrustManagerFactory.getInstance(algorithm, provider);
        trustManagers.init(trust);
        SSLContext serverContext = provider == null ? SSLContext.getInstance("TLS", "SunJSSE")
                : SSLContext.getInstance("TLS", provider);
        // An explicit SecureRandom: BCJSSE on the installed providers otherwise asks them for a "DEFAULT" one, which
        // only Bouncy Castle's provider has, and this JVM does not install it.
        serverContext.init(keyManagers.getKeyManagers(), null, new SecureRandom());
        SSLContext clientContext = provider == null ? SSLContext.getInstance("TLS", "SunJSSE")
                : SSLContext.getInstance("TLS", provider);
        clientContext.init(null, trustManagers.getTrustManagers(), new SecureRandom());
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        for (SSLEngine engine : new SSLEngine[] {client, server}) {
            engine.setEnabledProtocols(new String[] {"TLSv1.3"});
            engine.setEnabledCipherSuites(new String[] {cipherSuite});
        }
        handshake(client, server);
        String negotiated = client.getSession().getCipherSuite();
        if (!negotiated.equals(cipherSuite)) {
            throw new IllegalStateException(stack.label() + " negotiated " + negotiated + ", not " + cipherSuite);
        }
        return new BulkTransfer(client, server);
    }

    /** Application megabytes (10^6 bytes) per second encrypted by the client and decrypted by the server. */
    double megabytesPerSecond(Duration duration) throws SSLException {
        long bytes = 0;
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 16; i++) {
                plain.clear();
                net.clear();
                check(client.wrap(plain, net));
                net.flip();
                received.clear();
                check(server.unwrap(net, received));
                bytes += received.position();
            }
        }
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(SSLEngineResult result) {
        if (result.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException("record protection stopped: " + result);
        }
    }

    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer clientToServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer serverToClient = ByteBuffer.allocate(1 << 17);
        ByteBuffer sink = ByteBuffer.allocate(1 << 17);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 1000; step++) {
            boolean clientDone = done(client.getHandshakeStatus());
            boolean serverDone = done(server.getHandshakeStatus());
            if (clientDone && serverDone) {
                return;
            }
            client.wrap(empty, clientToServer);
            runTasks(client);
            server.wrap(empty, serverToClient);
            runTasks(server);
            clientToServer.flip();
            sink.clear();
            server.unwrap(clientToServer, sink);
            runTasks(server);
            clientToServer.compact();
            serverToClient.flip();
            sink.clear();
            client.unwrap(serverToClient, sink);
            runTasks(client);
            serverToClient.compact();
        }
        throw new IllegalStateException("the in-memory handshake did not finish");
    }

    private static boolean done(HandshakeStatus status) {
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
