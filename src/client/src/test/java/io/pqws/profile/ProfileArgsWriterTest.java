package io.pqws.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The argument file a container JVM is started with, and the loud refusal when a provider jar is missing. */
class ProfileArgsWriterTest {

    private static final Path SHIPPED = Path.of(System.getProperty("pqws.basedir", "."), "pq-profile");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesTheProfileOptionsOverlayAndModulePath() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse.jar");
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString(), "--profile", "hybrid-only"), err.toString(StandardCharsets.UTF_8));

        List<String> lines = Files.readAllLines(temp.resolve("out/hybrid-only.args"));
        assertTrue(lines.contains("-Djdk.tls.namedGroups=X25519MLKEM768,SecP256r1MLKEM768,SecP384r1MLKEM1024,secp256r1"),
                lines.toString());
        assertTrue(lines.contains("-Dpqws.tls.requireHybrid=true"), lines.toString());
        assertTrue(lines.contains("-Djdk.tls.server.SignatureSchemes=" + String.join(",",
                PqProfile.load(SHIPPED, "hybrid-only").serverSignatureSchemes())), lines.toString());
        assertTrue(lines.contains("-Djava.security.properties="
                + SHIPPED.resolve("hybrid-only/java.security").toAbsolutePath().normalize()), lines.toString());
        assertTrue(lines.contains("--module-path=" + jars.toAbsolutePath().normalize()), lines.toString());
        assertTrue(lines.contains(LauncherArguments.OPEN_BC_PROVIDER), lines.toString());
    }

    @Test
    void theObserveProfileSetsItsModeAndOpensNothingOfBouncyCastle() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse.jar");
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString(), "--profile", "observe"), err.toString(StandardCharsets.UTF_8));

        // The system properties' order is not fixed (PqProfile keeps them in a Map): compare the lines as a set.
        List<String> lines = Files.readAllLines(temp.resolve("out/observe.args"));
        assertEquals(6, lines.size(), lines.toString());
        assertEquals(java.util.Set.of("-Dpqws.profile=observe", "-Dpqws.tls.mode=observe", "-Dpqws.tls.requireHybrid=false",
                "-Djava.security.properties=" + SHIPPED.resolve("observe/java.security").toAbsolutePath().normalize(),
                "--module-path=" + jars.toAbsolutePath().normalize(), "--add-modules=ALL-MODULE-PATH"),
                java.util.Set.copyOf(lines));
    }

    @Test
    void allProfilesAtOnce() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse.jar");
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString(), "--all"));
        assertEquals(PqProfile.available(SHIPPED).size(), out.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void aMissingProviderJarIsALoudError() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "pqws-jsse.jar");
        assertEquals(2, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("pqws profile: the PQ profile needs "
                + "bctls-jdk18on-*.jar in "), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mixedBouncyCastleVersionsAreRefused() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.83.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse.jar");
        assertEquals(2, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("mixes Bouncy Castle versions [1.83, 1.84]"));
    }

    @Test
    void argumentsWithSpacesAreQuoted() {
        assertEquals("\"--module-path=/opt/my jars\"", LauncherArguments.quote("--module-path=/opt/my jars"));
        assertEquals("-Da=b", LauncherArguments.quote("-Da=b"));
    }

    private int run(String... args) {
        return ProfileArgsWriter.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path jars(String... names) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("jars"));
        for (String name : names) {
            Files.createFile(dir.resolve(name));
        }
        return dir;
    }
}
