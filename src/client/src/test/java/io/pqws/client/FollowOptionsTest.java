package io.pqws.client;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pqws.testsupport.InMemoryCredentials;

/**
 * {@code follow}'s usage errors, each one line with exit code 1 before any connection is tried; the same key store
 * messages as {@code connect} (see {@link KeyStoreFilesTest} for the files that are read). No network.
 */
class FollowOptionsTest {

    private static final String URL = "wss://localhost:8181/pqws/notifications";

    private static void assertUsageError(String expectedMessage, String... args) {
        CliRun.run(args).assertUsageError("follow", expectedMessage);
    }

    @Test
    void badUrlsAndTimeouts() {
        assertUsageError("URL must start with wss:// or ws://: https://localhost/", "follow", URL, "https://localhost/");
        assertUsageError("--timeout must be 1 to 86400 seconds", "follow", "--timeout", "0", URL);
    }

    @Test
    void unreadableKeyStores(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.p12");
        assertUsageError("--truststore " + missing + ": no such file", "follow", "--truststore", missing.toString(),
                URL);
        Path trustStore = PeerCredentials.writeTrustStore(
                InMemoryCredentials.ecdsaP256Localhost().certificate(), dir.resolve("trust.p12"));
        assertUsageError("--cert " + trustStore + " holds no private key", "follow", "--truststore",
                trustStore.toString(), "--cert", trustStore.toString(), URL);
    }
}
