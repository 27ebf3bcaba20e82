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

import picocli.CommandLine;

/**
 * The trust store and client certificate options every command mixes in, parsed from real arguments: applied to the
 * settings when readable, one message naming the option and the file when not. Files made in memory and written to
 * a temporary folder; no network.
 */
class KeyStoreOptionsTest {

    private static final String PASSWORD = new String(PeerCredentials.PASSWORD);

    @TempDir
    Path dir;

    private static TrustStoreOptions trust(String... args) {
        TrustStoreOptions options = new TrustStoreOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private static ClientCertificateOptions certificate(String... args) {
        ClientCertificateOptions options = new ClientCertificateOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void readableFilesBecomeTheTrustStoreAndTheClientCertificate() throws Exception {
        PeerCredentials alice = PeerCredentials.selfSigned("CN=alice, O=pqws dev");
        Path trustFile = PeerCredentials.writeTrustStore(alice.certificate(), dir.resolve("trust.p12"));
        Path certFile = alice.writeKeyStore(dir.resolve("alice.p12"));

        ClientTlsSettings settings = certificate("--cert", certFile.toString(), "--cert-password", PASSWORD)
                .applyTo(trust("--truststore", trustFile.toString(), "--truststore-password", PASSWORD)
                        .applyTo(ClientTlsSettings.of(TlsProfile.HYBRID)));

        assertEquals(List.of("trusted"), Collections.list(settings.trustStore().aliases()));
        assertEquals(1, settings.clientCertificate().keyStore().size());
        assertArrayEquals(PeerCredentials.PASSWORD, settings.clientCertificate().password());
        assertEquals(ClientTlsSettings.of(TlsProfile.HYBRID).namedGroups(), settings.namedGroups(),
                "the rest of the settings stays as it was");
    }

    @Test
    void noFilesLeaveTheSettingsAsTheyWere() {
        ClientTlsSettings settings = ClientTlsSettings.of(TlsProfile.CLASSIC);
        ClientTlsSettings applied = certificate().applyTo(trust().applyTo(settings));
        assertSame(settings, applied);
        assertNull(trust().load(), "JDK default trust");
        assertNull(applied.clientCertificate());
    }

    @Test
    void anUnreadableFileIsNamedWithItsOption() throws Exception {
        PeerCredentials alice = PeerCredentials.selfSigned("CN=alice");
        Path trustFile = PeerCredentials.writeTrustStore(alice.certificate(), dir.resolve("trust.p12"));
        Path missing = dir.resolve("missing.p12");

        assertEquals("--truststore " + missing + ": no such file", assertThrows(IllegalArgumentException.class,
                () -> trust("--truststore", missing.toString()).load()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> trust("--truststore", trustFile.toString(), "--truststore-password", "wrong").load())
                .getMessage().startsWith("cannot read --truststore " + trustFile + " as PKCS12: "));
        assertEquals("--cert " + trustFile + " holds no private key", assertThrows(IllegalArgumentException.class,
                () -> certificate("--cert", trustFile.toString(), "--cert-password", PASSWORD)
                        .applyTo(ClientTlsSettings.of(TlsProfile.HYBRID))).getMessage());
    }

    @Test
    void toStringNamesTheFilesButNotThePasswords() {
        String text = trust("--truststore", "t.p12", "--truststore-password", "trust-secret") + " "
                + certificate("--cert", "c.p12", "--cert-password", "cert-secret");
        assertTrue(text.contains("t.p12") && text.contains("c.p12"), text);
        assertFalse(text.contains("trust-secret") || text.contains("cert-secret"), text);
    }
}
