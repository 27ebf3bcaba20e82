package io.pqws.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which provider answers each handshake algorithm in a JVM running a shipped profile's overlay, the way the container
 * JVM runs it. Fails if a JDK or Bouncy Castle upgrade stops honouring {@code jdk.security.provider.preferred}, or if
 * the preference ever reaches the ciphers or the key stores.
 */
class ProfileProvidersTest {

    private static final Path SHIPPED = Path.of(System.getProperty("pqws.basedir", "."), "pq-profile");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"hybrid", "hybrid-only", "hybrid-mldsa", "classic"})
    void publicKeyOperationsComeFromBouncyCastleAndSymmetricOnesFromTheJdk(String profile) throws Exception {
        Map<String, String> providers = run(SHIPPED.resolve(profile).resolve("java.security"));
        assertEquals("BC", providers.get("ecdsaRaw"), "TLS 1.3 CertificateVerify signs with NONEwithECDSA");
        assertEquals("BC", providers.get("ecdsaSha256"));
        assertEquals("BC", providers.get("x25519Agreement"));
        assertEquals("BC", providers.get("x25519Generator"));
        assertEquals("BC", providers.get("x25519Factory"));
        assertEquals("SunJCE", providers.get("aesGcm"), "AES-GCM must keep the JDK's CPU intrinsics");
        assertEquals("SunJCE", providers.get("hmac"));
        assertEquals("SUN", providers.get("sha256"));
        assertEquals("SUN", providers.get("pkcs12"), "Payara's key and trust stores stay the JDK's");
        assertEquals("SunRsaSign", providers.get("rsaSignature"), "only the listed services are routed");
    }

    @Test
    void theObserveProfileLeavesEveryAlgorithmToTheJdk() throws Exception {
        Map<String, String> providers = run(SHIPPED.resolve("observe").resolve("java.security"));
        assertEquals("SunEC", providers.get("ecdsaRaw"));
        assertEquals("SunEC", providers.get("ecdsaSha256"));
        assertEquals("SunEC", providers.get("x25519Agreement"));
        assertEquals("SunJCE", providers.get("aesGcm"));
        assertEquals("SUN", providers.get("pkcs12"));
        assertEquals("SunRsaSign", providers.get("rsaSignature"));
    }

    @Test
    void positiveControl_withoutThePreferenceSunEcAnswers() throws Exception {
        Path overlay = directory.resolve("no-preference.security");
        List<String> lines = Files.readAllLines(SHIPPED.resolve("hybrid/java.security")).stream()
                .filter(line -> !line.startsWith(ProviderOverlay.PREFERRED)).toList();
        Files.write(overlay, lines);
        Map<String, String> providers = run(overlay);
        assertEquals("SunEC", providers.get("ecdsaRaw"));
        assertEquals("SunEC", providers.get("x25519Agreement"));
    }

    private Map<String, String> run(Path overlay) throws Exception {
        String classPath = System.getProperty("java.class.path");
        assertTrue(classPath.contains("bcprov"), "the forked JVM must see Bouncy Castle: " + classPath);
        Path output = directory.resolve("providers.out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Djava.security.properties=" + overlay, ProfileProvidersMain.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish within 60 s");
        } finally {
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        assertEquals(0, process.exitValue(), text);
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\\R")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
