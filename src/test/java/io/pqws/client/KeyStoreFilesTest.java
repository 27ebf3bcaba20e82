package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust store and client certificate files of {@code connect} and {@code follow}: applied to the settings when
 * readable, one message naming the option and the file when not. Files made in memory and written to a temporary
 * folder; no network.
 */
class KeyStoreFilesTest {

    private static final String PASSWORD = new String(PeerCredentials.PASSWORD);

    @TempDir
    Path dir;

    @Test
    void readableFilesBecomeTheTrustStoreAndTheClientCertificate() throws Exception {
        PeerCredentials alice = PeerCredentials.selfSigned("CN=alice, O=pqws dev");
        Path trust = PeerCredentials.writeTrustStore(alice.certificate(), dir.resolve("trust.p12"));
        Path cert = alice.writeKeyStore(dir.resolve("alice.p12"));

        ClientTlsSettings settings = new KeyStoreFiles(trust, PASSWORD, cert, PASSWORD)
                .applyTo(ClientTlsSettings.of(TlsProfile.HYBRID));

        assertEquals(List.of("trusted"), Collections.list(settings.trustStore().aliases()));
        assertEquals(1, settings.clientCertificate().keyStore().size());
        assertArrayEquals(PeerCredentials.PASSWORD, settings.clientCertificate().password());
        assertEquals(ClientTlsSettings.of(TlsProfile.HYBRID).namedGroups(), settings.namedGroups(),
                "the rest of the settings stays as it was");
    }

    @Test
    void noFilesLeaveTheSettingsAsTheyWere() {
        ClientTlsSettings settings = ClientTlsSettings.of(TlsProfile.CLASSIC);
        ClientTlsSettings applied = new KeyStoreFiles(null, "changeit", null, "changeit").applyTo(settings);
        assertSame(settings, applied);
        assertNull(applied.trustStore(), "JDK default trust");
        assertNull(applied.clientCertificate());
    }

    @Test
    void anUnreadableFileIsNamedWithItsOption() throws Exception {
        PeerCredentials alice = PeerCredentials.selfSigned("CN=alice");
        Path trust = PeerCredentials.writeTrustStore(alice.certificate(), dir.resolve("trust.p12"));
        Path missing = dir.resolve("missing.p12");
        ClientTlsSettings settings = ClientTlsSettings.of(TlsProfile.HYBRID);

        assertEquals("--truststore " + missing + ": no such file", assertThrows(IllegalArgumentException.class,
                () -> new KeyStoreFiles(missing, PASSWORD, null, PASSWORD).applyTo(settings)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new KeyStoreFiles(trust, "wrong", null, PASSWORD).applyTo(settings)).getMessage()
                .startsWith("cannot read --truststore " + trust + " as PKCS12: "));
        assertEquals("--cert " + trust + " holds no private key", assertThrows(IllegalArgumentException.class,
                () -> new KeyStoreFiles(null, PASSWORD, trust, PASSWORD).applyTo(settings)).getMessage());
    }

    @Test
    void toStringNamesTheFilesButNotThePasswords() {
        String text = new KeyStoreFiles(Path.of("t.p12"), "trust-secret", Path.of("c.p12"), "cert-secret").toString();
        assertTrue(text.contains("t.p12") && text.contains("c.p12"), text);
        assertFalse(text.contains("trust-secret") || text.contains("cert-secret"), text);
    }
}
