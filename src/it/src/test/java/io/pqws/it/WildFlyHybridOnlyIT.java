package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;

/**
 * {@code hybrid-only} on WildFly, configured by the same script with {@code hybrid-only.wildfly.properties}: the
 * PQWS ClientHello guard works behind Elytron's SSL context too, so a classic-only client is refused in the
 * handshake while a hybrid one is served, with the ECDSA P-256 certificate.
 */
class WildFlyHybridOnlyIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static WildFlyServer server;

    @BeforeAll
    static void configureDeployAndStart() throws Exception {
        assertEquals("hybrid-only", PqwsServer.profile());
        server = WildFlyServer.configureDeployAndStart();
    }

    @AfterAll
    static void stopAndRestore() throws Exception {
        if (server != null) {
            server.stopAndRestore();
        }
    }

    @Test
    void aHybridClientIsServedWithX25519MLKEM768() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertTrue(tls.hybrid());
            assertEquals("TLSv1.3", tls.protocol());
        }
    }

    @Test
    void aClassicOnlyClientIsRefusedWithAHandshakeFailure() {
        WssClientException refused = assertThrows(WssClientException.class,
                () -> new WssClient(PqwsServer.client(TlsProfile.CLASSIC)).connect(server.wss("tls"), WAIT).close());
        assertEquals(WssClientException.Kind.TLS, refused.kind(), refused.getMessage());
        assertTrue(refused.getMessage().contains("handshake_failure"), refused.getMessage());
    }

    @Test
    void openSsl35IsServedWithTheHybridGroupAndRefusedWithX25519() throws Exception {
        HybridOnlyChecks.openSslIsServedTheHybridGroupAndRefusedWithClassicGroups(server.httpsPort(), "x25519");
    }
}
