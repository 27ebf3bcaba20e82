package io.pqws.tls.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;

import io.pqws.testsupport.InMemoryCredentials;
import io.pqws.tls.NamedGroups;

/**
 * Guards the one place that reads BC internals: real loopback BCJSSE handshakes whose group is chosen by the client,
 * read back on both ends. If a BC upgrade moves {@code ProvSSLConnection#getTlsContext()}, this fails loudly.
 */
class BcNegotiatedGroupReaderTest {

    private static final InMemoryCredentials CREDENTIALS = InMemoryCredentials.ecdsaP256Localhost();
    private final BouncyCastleJsseProvider jsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());

    @Test
    void readsTheHybridGroupOnBothEnds() throws Exception {
        Handshake handshake = handshake("X25519MLKEM768");
        assertEquals(Optional.of(0x11EC), handshake.server);
        assertEquals(Optional.of(0x11EC), handshake.client);
        assertEquals(NamedGroups.X25519_MLKEM768, NamedGroups.nameOf(handshake.server.orElseThrow()));
    }

    @Test
    void readsAClassicGroup_positiveControlThatTheValueComesFromTheHandshake() throws Exception {
        assertEquals(Optional.of(0x001D), handshake("x25519").server);
        assertEquals(Optional.of(0x0017), handshake("secp256r1").server);
    }

    @Test
    void reportsNothingForANonBcConnection() throws Exception {
        SSLContext sunJsse = SSLContext.getInstance("TLS", "SunJSSE");
        sunJsse.init(null, null, null);
        try (SSLSocket sunSocket = (SSLSocket) sunJsse.getSocketFactory().createSocket()) {
            assertTrue(BcNegotiatedGroupReader.negotiatedGroup(sunSocket).isEmpty());
        }
        assertTrue(BcNegotiatedGroupReader.negotiatedGroup(null).isEmpty());
    }

    private record Handshake(Optional<Integer> server, Optional<Integer> client) {
    }

    private Handshake handshake(String clientGroup) throws Exception {
        SSLContext serverContext = SSLContext.getInstance("TLSv1.3", jsse);
        serverContext.init(CREDENTIALS.keyManagers("PKIX", jsse).getKeyManagers(), null, null);
        SSLContext clientContext = SSLContext.getInstance("TLSv1.3", jsse);
        clientContext.init(null, CREDENTIALS.trustManagers("PKIX", jsse).getTrustManagers(), null);

        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Optional<Integer>> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    Optional<Integer> group = BcNegotiatedGroupReader.negotiatedGroup(accepted);
                    try (OutputStream out = accepted.getOutputStream()) {
                        out.write(1);
                    }
                    return group;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                BCSSLParameters parameters = ((BCSSLSocket) client).getParameters();
                // secp256r1 stays listed: BC offers ecdsa_secp256r1_sha256 only when that group is local, and the
                // server picks in client order, so the first group still decides.
                parameters.setNamedGroups(clientGroup.equals("secp256r1")
                        ? new String[] {clientGroup} : new String[] {clientGroup, "secp256r1"});
                ((BCSSLSocket) client).setParameters(parameters);
                client.startHandshake();
                Optional<Integer> clientGroupRead = BcNegotiatedGroupReader.negotiatedGroup(client);
                try (InputStream in = client.getInputStream()) {
                    assertEquals(1, in.read());
                }
                return new Handshake(serverSide.get(10, TimeUnit.SECONDS), clientGroupRead);
            }
        }
    }
}
