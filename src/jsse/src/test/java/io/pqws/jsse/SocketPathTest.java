package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only engines pass the ClientHello guard, so in require-hybrid mode a server-mode socket, however it came to be,
 * gets no server credentials. Real loopback sockets, port 0, every wait bounded.
 */
class SocketPathTest {

    private static final String[] HYBRID_CAPABLE = {"x25519", "X25519MLKEM768", "secp256r1"};

    private SystemProperties properties;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        properties = SystemProperties.set("jdk.tls.namedGroups", "X25519MLKEM768,x25519,secp256r1");
        pool = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        properties.close();
    }

    /** A client socket switched to server mode (STARTTLS style) over an accepted connection; returns its failure. */
    private Throwable layeredServerHandshake(SSLContext serverContext) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Throwable> server = pool.submit(() -> {
                try (Socket raw = listener.accept();
                     SSLSocket tls = (SSLSocket) serverContext.getSocketFactory()
                             .createSocket(raw, "localhost", raw.getPort(), true)) {
                    raw.setSoTimeout(10_000);
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    tls.getOutputStream().write(42);
                    tls.getOutputStream().flush();
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            try (SSLSocket client = (SSLSocket) TestPki.bcClientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                client.setSoTimeout(10_000);
                BCSSLParameters groups = ((BCSSLSocket) client).getParameters();
                groups.setNamedGroups(HYBRID_CAPABLE);
                ((BCSSLSocket) client).setParameters(groups);
                Throwable clientFailure = null;
                try {
                    client.startHandshake();
                    assertEquals(42, client.getInputStream().read());
                } catch (java.io.IOException e) {
                    // BCJSSE sockets throw the received alert itself (TlsFatalAlertReceived), not an SSLException.
                    clientFailure = e;
                }
                Throwable serverFailure = server.get(10, TimeUnit.SECONDS);
                assertEquals(serverFailure == null, clientFailure == null, "both sides agree");
                return serverFailure;
            }
        }
    }

    private static SSLContext pqwsServerContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        context.init(TestPki.keyManagers(), null, null);
        return context;
    }

    @Test
    void withoutRequireHybridAServerModeSocketWorks() throws Exception {
        assertNull(layeredServerHandshake(pqwsServerContext()));
    }

    @Test
    void withRequireHybridAServerModeSocketGetsNoCredentials() throws Exception {
        properties.and(PqwsJssePolicy.REQUIRE_HYBRID, "true");

        Throwable failure = layeredServerHandshake(pqwsServerContext());

        // BCJSSE sockets report the alert itself (TlsFatalAlert, an IOException).
        assertInstanceOf(java.io.IOException.class, failure);
        assertTrue(failure.getMessage().contains("handshake_failure"), failure::getMessage);
    }

    @Test
    void withRequireHybridAServerSocketCanBeCreatedButItsHandshakesFail() throws Exception {
        properties.and(PqwsJssePolicy.REQUIRE_HYBRID, "true");
        SSLContext context = pqwsServerContext();
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Throwable> server = pool.submit(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            try (SSLSocket client = (SSLSocket) TestPki.bcClientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                client.setSoTimeout(10_000);
                BCSSLParameters groups = ((BCSSLSocket) client).getParameters();
                groups.setNamedGroups(HYBRID_CAPABLE);
                ((BCSSLSocket) client).setParameters(groups);
                assertThrows(java.io.IOException.class, client::startHandshake);
            }
            Throwable failure = server.get(10, TimeUnit.SECONDS);
            assertInstanceOf(java.io.IOException.class, failure);
            assertTrue(failure.getMessage().contains("handshake_failure"), failure::getMessage);
        }
    }
}
