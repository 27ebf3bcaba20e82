package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;

/**
 * {@code hybrid-only} on a GlassFish 7 domain, configured by the same {@code configure-pq.sh} as {@link GlassFishIT}
 * with {@code --profile hybrid-only}: the PQWS ClientHello guard works behind Grizzly's listener too, so a classic-only
 * client is refused in the handshake, and counted, while a hybrid one is served; {@code restore.sh} gives domain.xml
 * and the key stores back from this profile as well.
 */
class GlassFishHybridOnlyIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ConfiguredGlassFish glassFish;
    private static AsadminDomain server;

    @BeforeAll
    static void createConfigureAndDeploy() throws Exception {
        glassFish = ConfiguredGlassFish.start("hybrid-only");
        server = glassFish.domain();
    }

    @AfterAll
    static void restoreAndRemove() throws Exception {
        if (glassFish != null) {
            glassFish.restoreCompareAndDelete();
        }
    }

    @Test
    void theDomainRunsTheHybridOnlyProfile() throws Exception {
        assertEquals("hybrid-only", new OperatorHttp(server.http("")).status().getString("profile"));
    }

    @Test
    void aHybridClientIsServedWithX25519MLKEM768AndToldSo() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertTrue(tls.hybrid());
            assertEquals("TLSv1.3", tls.protocol());
        }
    }

    /** As {@link HybridOnlyProfileIT}: the hybrid client after the refused one is the positive control. */
    @Test
    void aClassicOnlyClientIsRefusedWithAHandshakeFailureAndCounted() throws Exception {
        HybridOnlyChecks.aRefusedClassicClientIsCountedByReason(new OperatorHttp(server.http("")), server.wss("echo"));
    }

    @Test
    void openSsl35IsServedWithTheHybridGroupAndRefusedWithX25519() throws Exception {
        HybridOnlyChecks.openSslIsServedTheHybridGroupAndRefusedWithClassicGroups(server.httpsPort(), "x25519");
    }
}
