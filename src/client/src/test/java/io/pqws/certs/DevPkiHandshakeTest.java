package io.pqws.certs;

import static io.pqws.certs.PkiFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real mutual-TLS handshake over loopback with the generated stores, through SunJSSE: this tests the certificates
 * (chain, key usages, EKUs, names), not Bouncy Castle. Hostname verification is on, and a wrong host name is the
 * negative control that shows it is.
 */
class DevPkiHandshakeTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path tmp;

    private ExecutorService serverThread;

    @BeforeEach
    void startExecutor() {
        serverThread = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopExecutor() {
        serverThread.shutdownNow();
    }

    @ParameterizedTest(name = "server key {0}")
    @ValueSource(strings = {"ec", "rsa"})
    void mutualTlsWithHostnameVerification(String serverKey) throws Exception {
        DevPkiFiles files = generate(serverKey);
        try (SSLServerSocket server = server(files)) {
            Future<Principal> seenByServer = serverThread.submit(() -> acceptOne(server));

            try (SSLSocket client = client(files, server.getLocalPort(), "localhost")) {
                client.startHandshake();
                assertEquals(1, client.getInputStream().read(), "the server accepted the client");
                assertEquals(new X500Principal("CN=localhost, O=pqws dev"), client.getSession().getPeerPrincipal());
            }
            assertEquals(new X500Principal("CN=alice, O=pqws dev"),
                    seenByServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void wrongHostNameIsRejected() throws Exception {
        DevPkiFiles files = generate("ec");
        try (SSLServerSocket server = server(files)) {
            serverThread.submit(() -> acceptOne(server));

            try (SSLSocket client = client(files, server.getLocalPort(), "not-this-server.invalid")) {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, client::startHandshake);
                assertTrue(e.getMessage().contains("not-this-server.invalid"), e.getMessage());
            }
        }
    }

    private DevPkiFiles generate(String serverKey) {
        DevPkiFiles files = new DevPkiFiles(tmp.resolve("dev"));
        PkiFixture.Run run = PkiFixture.run("--out", files.dir().toString(), "--server-key", serverKey);
        assertEquals(0, run.exitCode(), run.err());
        return files;
    }

    /** server.p12 and the trust store, client authentication required, on 127.0.0.1 and a free port. */
    private static SSLServerSocket server(DevPkiFiles files) throws IOException, GeneralSecurityException {
        SSLContext context = context(files.serverStore(), files.trustStore());
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        server.setNeedClientAuth(true);
        server.setSoTimeout(TIMEOUT_MILLIS);
        return server;
    }

    /** Accepts one connection, completes the handshake, answers one byte, and returns the client's principal. */
    private static Principal acceptOne(SSLServerSocket server) throws IOException {
        try (SSLSocket accepted = (SSLSocket) server.accept()) {
            accepted.setSoTimeout(TIMEOUT_MILLIS);
            accepted.startHandshake();
            Principal peer = accepted.getSession().getPeerPrincipal();
            accepted.getOutputStream().write(1);
            accepted.getOutputStream().flush();
            return peer;
        }
    }

    /** Alice's store and the trust store, verifying the server's name as HTTPS does against {@code host}. */
    private static SSLSocket client(DevPkiFiles files, int port, String host)
            throws IOException, GeneralSecurityException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        SSLSocket client = (SSLSocket) context(files.clientStore("alice"), files.trustStore()).getSocketFactory()
                .createSocket(plain, host, port, true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        return client;
    }

    private static SSLContext context(Path keyStore, Path trustStore) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(PkiFixture.load(keyStore, PASSWORD), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(PkiFixture.load(trustStore, PASSWORD));
        SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
