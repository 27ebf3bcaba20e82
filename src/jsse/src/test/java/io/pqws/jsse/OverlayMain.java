package io.pqws.jsse;

import java.security.ProviderException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Runs in a JVM started by {@link JavaSecurityOverlayTest} with a {@code java.security} overlay, the way the container
 * JVM runs, and prints {@code key=value} lines for the test to check.
 */
public final class OverlayMain {

    private OverlayMain() {
    }

    public static void main(String[] args) throws Exception {
        if ("attempts".equals(args[0])) {
            attempts();
        } else {
            providers();
        }
    }

    /** Which providers the container's calls reach, and one real handshake through the installed PQWS. */
    private static void providers() throws Exception {
        System.out.println("default=" + SSLContext.getDefault().getProvider().getName());
        System.out.println("tls=" + SSLContext.getInstance("TLS").getProvider().getName());
        System.out.println("ssl=" + SSLContext.getInstance("SSL").getProvider().getName());
        System.out.println("kmf=" + javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm()).getProvider().getName());

        SSLContext server = SSLContext.getInstance("TLS");
        server.init(TestPki.keyManagers(), null, null);
        SSLEngine engine = server.createSSLEngine();
        engine.setUseClientMode(false);
        System.out.println("engine=" + engine.getClass().getSimpleName());
        MemoryHandshake classic = MemoryHandshake.run(TestPki.bcClient(new String[] {"x25519", "secp256r1"}), engine);
        System.out.println("classic=" + (classic.completed() ? "completed" : "refused: " + classic.server.failure));

        SSLEngine hybridServer = server.createSSLEngine();
        hybridServer.setUseClientMode(false);
        MemoryHandshake hybrid = MemoryHandshake.run(
                TestPki.bcClient(new String[] {"x25519", "X25519MLKEM768", "secp256r1"}), hybridServer);
        System.out.println("hybrid=" + (hybrid.completed()
                ? Groups.name(TlsRecords.serverHellos(hybrid.server.sent.toByteArray()).selectedGroup())
                : "failed: " + hybrid.server.failure + " / " + hybrid.client.failure));
    }

    /** Asks for "TLS" more often than the JDK retries a failing provider, and counts what came back. */
    private static void attempts() {
        int failures = 0;
        int fallbacks = 0;
        String message = null;
        for (int i = 0; i < 40; i++) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                fallbacks++;
                message = "fell back to " + context.getProvider().getName();
            } catch (ProviderException e) {
                failures++;
                message = e.getMessage();
            } catch (Exception e) {
                message = "unexpected " + e;
            }
        }
        System.out.println("failures=" + failures);
        System.out.println("fallbacks=" + fallbacks);
        System.out.println("message=" + message);
    }
}
