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

/**
 * The shipped profiles as server-config/wildfly/configure-pq.cli reads them, and the loud refusal of a profile
 * setting the script would not apply.
 */
class WildFlyCliPropertiesTest {

    private static final Path SHIPPED = Path.of(System.getProperty("pqws.basedir", "."), "pq-profile");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void hybridOnlyBecomesTls13OnlyWithTheHybridGuardAndTheModuleJars() throws Exception {
        Path jars = jars();
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars.toString(), "--out",
                temp.resolve("out").toString(), "--profile", "hybrid-only"), err.toString(StandardCharsets.UTF_8));

        Path written = temp.resolve("out/hybrid-only.wildfly.properties");
        assertEquals(written.toAbsolutePath().normalize().toString(), out.toString(StandardCharsets.UTF_8).strip());
        Properties cli = new Properties();
        try (Reader reader = Files.newBufferedReader(written)) {
            cli.load(reader);
        }
        assertEquals("hybrid-only", cli.getProperty("pqws.cli.profile"));
        assertEquals("X25519MLKEM768,SecP256r1MLKEM768,SecP384r1MLKEM1024,secp256r1",
                cli.getProperty("pqws.cli.named-groups"));
        assertEquals("true", cli.getProperty("pqws.cli.require-hybrid"));
        assertEquals("TLSv1.3", cli.getProperty("pqws.cli.server-protocols"));
        assertEquals("[TLSv1.3]", cli.getProperty("pqws.cli.elytron-protocols"));
        assertEquals("false", cli.getProperty("pqws.cli.session-resumption"));
        assertEquals(String.join(",", PqProfile.load(SHIPPED, "hybrid-only").serverSignatureSchemes()),
                cli.getProperty("pqws.cli.server-signature-schemes"));
        Path dir = jars.toAbsolutePath().normalize();
        assertEquals(String.join(File.pathSeparator, dir.resolve("bcprov-jdk18on-1.84.jar").toString(),
                dir.resolve("bctls-jdk18on-1.84.jar").toString(), dir.resolve("bcutil-jdk18on-1.84.jar").toString(),
                dir.resolve("pqws-jsse.jar").toString()), cli.getProperty("pqws.cli.module-resources"));
    }

    @Test
    void hybridKeepsTls12And13AndResumption() throws Exception {
        assertEquals(0, run("--profiles", SHIPPED.toString(), "--jars", jars().toString(), "--out",
                temp.resolve("out").toString(), "--profile", "hybrid"), err.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(temp.resolve("out/hybrid.wildfly.properties"));
        assertTrue(lines.contains("pqws.cli.elytron-protocols=[TLSv1.3,TLSv1.2]"), lines.toString());
        assertTrue(lines.contains("pqws.cli.require-hybrid=false"), lines.toString());
        assertTrue(lines.contains("pqws.cli.session-resumption=true"), lines.toString());
    }

    @Test
    void aProfileWithoutOptionalSettingsGetsTheProvidersDefaults() throws Exception {
        PqProfile minimal = new PqProfile("hybrid", SHIPPED.resolve("hybrid/java.security"), Map.of(
                "pqws.profile", "hybrid", "jdk.tls.namedGroups", "X25519MLKEM768,x25519,secp256r1",
                "pqws.tls.requireHybrid", "false", "jdk.tls.server.SignatureSchemes", "ecdsa_secp256r1_sha256"));
        List<String> lines = WildFlyCliProperties.of(minimal, ProviderJars.in(jars()));
        assertTrue(lines.contains("pqws.cli.server-protocols=TLSv1.3,TLSv1.2"), lines.toString());
        assertTrue(lines.contains("pqws.cli.session-resumption=true"), lines.toString());
        assertTrue(lines.contains("pqws.cli.server-signature-schemes=ecdsa_secp256r1_sha256"), lines.toString());
    }

    @Test
    void aProfileWithoutSignatureSchemesIsRefused() throws Exception {
        PqProfile noSchemes = new PqProfile("hybrid", SHIPPED.resolve("hybrid/java.security"), Map.of(
                "pqws.profile", "hybrid", "jdk.tls.namedGroups", "x25519", "pqws.tls.requireHybrid", "false"));
        ProfileException e = assertThrows(ProfileException.class, () -> WildFlyCliProperties.of(noSchemes,
                ProviderJars.in(jars())));
        assertEquals("profile 'hybrid' sets no jdk.tls.server.SignatureSchemes; BCJSSE's defaults include SHA-1 and "
                + "SHA-224", e.getMessage());
    }

    @Test
    void theMlDsaProfileIsRefusedForItsMlDsaChain() throws Exception {
        // hybrid-mldsa's ML-DSA signature schemes need a second listener and a dual-chain store: not on WildFly.
        assertEquals(2, run("--profiles", SHIPPED.toString(), "--jars", jars().toString(), "--out",
                temp.resolve("out").toString(), "--profile", "hybrid-mldsa"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("pqws profile: profile 'hybrid-mldsa' signs with [mldsa65, mldsa87, mldsa44], "
                + "which needs the dual-chain key store and second listener"), message);
        assertTrue(Files.notExists(temp.resolve("out/hybrid-mldsa.wildfly.properties")));
    }

    @Test
    void theObserveProfileIsRefusedBecauseConfigurePqDoesNotApplyItsMode() throws Exception {
        assertEquals(2, run("--profiles", SHIPPED.toString(), "--jars", jars().toString(), "--out",
                temp.resolve("out").toString(), "--profile", "observe"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("pqws profile: profile 'observe' sets [pqws.tls.mode], which "
                + "server-config/wildfly/configure-pq.cli does not apply"), message);
        assertTrue(Files.notExists(temp.resolve("out/observe.wildfly.properties")));
    }

    @Test
    void missingOptionsAreALoudError() {
        assertEquals(2, run("--profiles", SHIPPED.toString(), "--profile", "hybrid"));
        assertEquals("pqws profile: --profiles, --jars, --out and --profile are required",
                err.toString(StandardCharsets.UTF_8).strip());
        ProfileException unknown = assertThrows(ProfileException.class, () -> WildFlyCliProperties.of(
                new PqProfile("x", SHIPPED.resolve("hybrid/java.security"), Map.of("pqws.profile", "x",
                        "jdk.tls.namedGroups", "x25519", "pqws.tls.requireHybrid", "false",
                        "jdk.tls.client.protocols", "TLSv1.3")), ProviderJars.in(jars())));
        assertTrue(unknown.getMessage().contains("[jdk.tls.client.protocols]"), unknown.getMessage());
    }

    private int run(String... args) {
        return WildFlyCliProperties.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path jars() throws Exception {
        Path dir = temp.resolve("jars");
        if (Files.notExists(dir)) {
            Files.createDirectories(dir);
            for (String name : List.of("bcprov-jdk18on-1.84.jar", "bcutil-jdk18on-1.84.jar", "bctls-jdk18on-1.84.jar",
                    "pqws-jsse.jar")) {
                Files.createFile(dir.resolve(name));
            }
        }
        return dir;
    }
}
