package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment as the container JVM sees it: a {@code -Djava.security.properties} overlay lists PQWS first, then BC
 * and BCJSSE, then the JDK's own providers; nothing is installed programmatically. Each case runs a fresh JVM
 * ({@link OverlayMain}) because the provider list is read once per JVM.
 */
class JavaSecurityOverlayTest {

    @TempDir
    Path directory;

    private Path overlay() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("security.provider.1=" + PqwsJsseProvider.class.getName());
        lines.add("security.provider.2=org.bouncycastle.jce.provider.BouncyCastleProvider");
        lines.add("security.provider.3=org.bouncycastle.jsse.provider.BouncyCastleJsseProvider BC");
        int next = 4;
        for (Provider jdk : Security.getProviders()) {
            lines.add("security.provider." + next++ + "=" + jdk.getName());
        }
        // BCJSSE needs its own key managers for EC certificates in TLS 1.3 (see DefaultManagers).
        lines.add("ssl.KeyManagerFactory.algorithm=PKIX");
        Path file = directory.resolve("pqws.java.security");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private Map<String, String> run(String mode, String... systemProperties) throws Exception {
        String classPath = System.getProperty("java.class.path");
        assertTrue(classPath.contains("bctls"), "the forked test JVM must see the real class path: " + classPath);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Djava.security.properties=" + overlay()));
        command.addAll(List.of(systemProperties));
        command.addAll(List.of(OverlayMain.class.getName(), mode));
        Path output = directory.resolve(mode + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
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
            if (equals > 0 && line.chars().limit(equals).allMatch(Character::isLetter)) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    @Test
    void theContainersSslContextsComeFromPqws() throws Exception {
        Map<String, String> out = run("providers", "-Djdk.tls.namedGroups=X25519MLKEM768,x25519,secp256r1");

        assertEquals("PQWS", out.get("default"));
        assertEquals("PQWS", out.get("tls"));
        assertEquals("PQWS", out.get("ssl"));
        assertEquals("BCJSSE", out.get("kmf"));
        assertEquals("completed", out.get("classic"));
        assertEquals("X25519MLKEM768", out.get("hybrid"));
    }

    @Test
    void requireHybridHoldsInTheRealProviderList() throws Exception {
        Map<String, String> out = run("providers", "-Djdk.tls.namedGroups=X25519MLKEM768,x25519,secp256r1",
                "-Dpqws.tls.requireHybrid=true");

        assertEquals("PQWS", out.get("tls"));
        assertEquals("ClientHelloGuardEngine", out.get("engine"));
        assertTrue(out.get("classic").startsWith("refused: javax.net.ssl.SSLHandshakeException: "
                + HybridRequirement.NO_HYBRID), out.get("classic"));
        assertEquals("X25519MLKEM768", out.get("hybrid"));
    }

    /** More attempts than the JDK's 30 retries of a failing provider: never a silent fallback to BCJSSE. */
    @Test
    void aBadValueNeverFallsBackToAnotherProvider() throws Exception {
        Map<String, String> out = run("attempts", "-Dpqws.tls.requireHybrid=maybe");

        assertEquals("40", out.get("failures"));
        assertEquals("0", out.get("fallbacks"));
        assertEquals("PQWS JSSE policy is misconfigured: pqws.tls.requireHybrid must be 'true' or 'false', found 'maybe';"
                + " pqws does not guess a TLS security policy", out.get("message"));
    }
}
