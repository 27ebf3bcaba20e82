package io.pqws.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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
                "pqws-jsse-policy.jar");
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString(), "--profile", "hybrid-only"), err.toString(StandardCharsets.UTF_8));

        List<String> lines = Files.readAllLines(temp.resolve("out/hybrid-only.args"));
        assertTrue(lines.contains("-Djdk.tls.namedGroups=X25519MLKEM768,SecP256r1MLKEM768,SecP384r1MLKEM1024,secp256r1"),
                lines.toString());
        assertTrue(lines.contains("-Dpqws.tls.requireHybrid=true"), lines.toString());
        assertTrue(lines.contains("-Djava.security.properties="
                + SHIPPED.resolve("hybrid-only/java.security").toAbsolutePath().normalize()), lines.toString());
        assertTrue(lines.contains("--module-path=" + jars.toAbsolutePath().normalize()), lines.toString());
        assertTrue(lines.contains(LauncherArguments.OPEN_BC_PROVIDER), lines.toString());
    }

    @Test
    void writesTheSameProfileForTheWildFlyScript() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse-policy.jar");
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString(), "--profile", "hybrid-only"), err.toString(StandardCharsets.UTF_8));

        Properties cli = new Properties();
        try (Reader reader = Files.newBufferedReader(temp.resolve("out/hybrid-only.wildfly.properties"))) {
            cli.load(reader);
        }
        assertEquals("hybrid-only", cli.getProperty("pqws.cli.profile"));
        assertEquals("X25519MLKEM768,SecP256r1MLKEM768,SecP384r1MLKEM1024,secp256r1",
                cli.getProperty("pqws.cli.named-groups"));
        assertEquals("true", cli.getProperty("pqws.cli.require-hybrid"));
        assertEquals("TLSv1.3", cli.getProperty("pqws.cli.server-protocols"));
        assertEquals("[TLSv1.3]", cli.getProperty("pqws.cli.elytron-protocols"));
        Path dir = jars.toAbsolutePath().normalize();
        assertEquals(String.join(File.pathSeparator, dir.resolve("bcprov-jdk18on-1.84.jar").toString(),
                dir.resolve("bctls-jdk18on-1.84.jar").toString(), dir.resolve("bcutil-jdk18on-1.84.jar").toString(),
                dir.resolve("pqws-jsse-policy.jar").toString()), cli.getProperty("pqws.cli.module-resources"));
    }

    @Test
    void theWildFlyScriptDefaultsToTls12And13() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse-policy.jar");
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString(), "--profile", "hybrid"), err.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(temp.resolve("out/hybrid.wildfly.properties"));
        assertTrue(lines.contains("pqws.cli.elytron-protocols=[TLSv1.3,TLSv1.2]"), lines.toString());
        assertTrue(lines.contains("pqws.cli.require-hybrid=false"), lines.toString());
    }

    @Test
    void aProfilePropertyTheWildFlyScriptDoesNotApplyIsRefused() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse-policy.jar");
        PqProfile extra = new PqProfile("hybrid", SHIPPED.resolve("hybrid/java.security"), Map.of(
                "pqws.profile", "hybrid", "jdk.tls.namedGroups", "X25519MLKEM768", "pqws.tls.requireHybrid", "false",
                "jdk.tls.client.protocols", "TLSv1.3"));
        ProfileException refused = assertThrows(ProfileException.class,
                () -> WildFlyCliProperties.of(extra, ProviderJars.in(jars)));
        assertTrue(refused.getMessage().contains("[jdk.tls.client.protocols]"), refused.getMessage());
    }

    @Test
    void allProfilesAtOnce() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse-policy.jar");
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString(), "--all"));
        long withWildFlyForm = 0;
        for (String name : PqProfile.available(SHIPPED)) {
            if (WildFlyCliProperties.notApplied(PqProfile.load(SHIPPED, name)).isEmpty()) {
                withWildFlyForm++;
            }
        }
        assertEquals(3, withWildFlyForm, "hybrid, hybrid-only and classic have a WildFly form; hybrid-mldsa has not");
        assertEquals(PqProfile.available(SHIPPED).size() + withWildFlyForm,
                out.toString(StandardCharsets.UTF_8).lines().count(), "an .args each, a .wildfly.properties where "
                + "the WildFly script applies the profile");
    }

    @Test
    void aMissingProviderJarIsALoudError() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "pqws-jsse-policy.jar");
        assertEquals(2, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("pqws profile: the PQ profile needs "
                + "bctls-jdk18on-*.jar in "), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mixedBouncyCastleVersionsAreRefused() throws Exception {
        Path jars = jars("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.83.jar", "bctls-jdk18on-1.84.jar",
                "pqws-jsse-policy.jar");
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
