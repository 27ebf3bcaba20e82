package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;

/**
 * {@code hybrid-only} on Open Liberty, configured by the same {@code configure-pq.sh} with {@code --profile
 * hybrid-only}: the PQWS ClientHello guard works behind Liberty's SSL channel too, so a classic-only client is refused
 * in the handshake, and counted, while a hybrid one is served and its session reports the hybrid group
 * ({@code OpenLibertySslSessionLocator}); {@code restore.sh} then gives every configuration file back.
 */
class OpenLibertyHybridOnlyIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ConfiguredOpenLiberty liberty;
    private static OpenLibertyServer server;

    @BeforeAll
    static void createConfigureAndStart() throws Exception {
        liberty = ConfiguredOpenLiberty.start("hybrid-only");
        server = liberty.server();
    }

    @AfterAll
    static void stopRestoreAndRemove() throws Exception {
        if (liberty != null) {
            liberty.stopRestoreCompareAndDelete();
        }
    }

    /** The profile the container JVM runs with, and the positive control of the comparison after restore.sh. */
    @Test
    void theServerRunsTheHybridOnlyProfileOnTls13Alone() throws Exception {
        Map<String, String> now = server.configuration();
        assertNotEquals(liberty.configurationBefore(), now);
        assertTrue(now.get("jvm.options").contains("-Dpqws.profile=hybrid-only"), now.get("jvm.options"));
        String override = now.get("configDropins/overrides/pqws-pq.xml");
        assertTrue(override.contains("sslProtocol=\"TLSv1.3\""), override);
        assertEquals("hybrid-only", new OperatorHttp(server.http("")).status().getString("profile"));
    }

    @Test
    void aHybridClientIsServedWithX25519MLKEM768AndToldSo() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("tls"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertTrue(tls.hybrid());
            assertEquals("TLSv1.3", tls.protocol());
        }
    }

    @Test
    void openSsl35IsServedWithTheHybridGroupAndRefusedWithX25519() throws Exception {
        HybridOnlyChecks.openSslIsServedTheHybridGroupAndRefusedWithClassicGroups(server.httpsPort(), "x25519");
    }

    /**
     * A classic-only client is refused in Liberty's SSL channel with a handshake failure, and the PQWS provider counts
     * the refusal where the WAR can report it.
     */
    @Test
    void aClassicOnlyClientIsRefusedWithAHandshakeFailureAndCounted() throws Exception {
        HybridOnlyChecks.aRefusedClassicClientIsCountedByReason(new OperatorHttp(server.http("")), server.wss("echo"));
    }
}
