package io.pqws.certs;

import static io.pqws.certs.PkiFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running the tool again: nothing valid is rewritten, and exactly what no longer fits is. */
class DevPkiRerunTest {

    private static final Set<String> SERVER_FILES = Set.of("server.p12", "server.pem", "server-key.pem");

    @TempDir
    Path tmp;

    private DevPkiFiles files;
    private String out;

    @BeforeEach
    void setUp() {
        files = new DevPkiFiles(tmp.resolve("dev"));
        out = files.dir().toString();
    }

    @Test
    void secondRunRewritesNothing() throws Exception {
        assertEquals(0, PkiFixture.run("--out", out).exitCode());
        Map<String, PkiFixture.FileState> before = PkiFixture.snapshot(files.dir());

        PkiFixture.Run second = PkiFixture.run("--out", out);

        assertEquals(0, second.exitCode(), second.err());
        assertEquals(before, PkiFixture.snapshot(files.dir()));
        assertTrue(second.out().contains("is up to date; nothing written"), second.out());
        assertTrue(second.err().contains(DevPki.WARNING), "the warning is printed on every run");
    }

    @Test
    void forceRecreatesEverythingTheCaIncluded() throws Exception {
        assertEquals(0, PkiFixture.run("--out", out).exitCode());
        Map<String, PkiFixture.FileState> before = PkiFixture.snapshot(files.dir());

        assertEquals(0, PkiFixture.run("--out", out, "--force").exitCode());

        Map<String, PkiFixture.FileState> after = PkiFixture.snapshot(files.dir());
        assertEquals(before.keySet(), after.keySet());
        assertEquals(Set.of(), unchanged(before, after));
        PkiFixture.validate(PkiFixture.certificate(files.serverCertificate()),
                PkiFixture.certificate(files.caCertificate()));
    }

    @Test
    void missingClientIsIssuedWithTheExistingCa() throws Exception {
        assertEquals(0, PkiFixture.run("--out", out).exitCode());
        X509Certificate ca = PkiFixture.certificate(files.caCertificate());
        Map<String, PkiFixture.FileState> before = PkiFixture.snapshot(files.dir());

        PkiFixture.Run run = PkiFixture.run("--out", out, "--client", "alice", "--client", "bob", "--client", "carol");

        assertEquals(0, run.exitCode(), run.err());
        Map<String, PkiFixture.FileState> after = PkiFixture.snapshot(files.dir());
        assertEquals(Set.of("client-carol.p12", "client-carol.pem", "client-carol-key.pem"), added(before, after));
        assertEquals(before.keySet(), unchanged(before, after));
        PkiFixture.validate(PkiFixture.certificate(files.clientCertificate("carol")), ca);
        assertTrue(PkiFixture.load(files.clientStore("carol"), PASSWORD).isKeyEntry("carol"));
    }

    @Test
    void otherNamesReissueOnlyTheServerWithTheExistingCa() throws Exception {
        assertEquals(0, PkiFixture.run("--out", out).exitCode());
        X509Certificate ca = PkiFixture.certificate(files.caCertificate());
        Map<String, PkiFixture.FileState> before = PkiFixture.snapshot(files.dir());

        assertEquals(0, PkiFixture.run("--out", out, "--san", "DNS:pqws.test").exitCode());

        Map<String, PkiFixture.FileState> after = PkiFixture.snapshot(files.dir());
        assertEquals(SERVER_FILES, changed(before, after));
        X509Certificate server = PkiFixture.certificate(files.serverCertificate());
        assertTrue(SubjectAltName.of(server).contains(SubjectAltName.parse("DNS:pqws.test")));
        PkiFixture.validate(server, ca);
    }

    @Test
    void otherKeyTypeReissuesOnlyTheServer() throws Exception {
        assertEquals(0, PkiFixture.run("--out", out).exitCode());
        Map<String, PkiFixture.FileState> before = PkiFixture.snapshot(files.dir());

        assertEquals(0, PkiFixture.run("--out", out, "--server-key", "rsa").exitCode());

        assertEquals(SERVER_FILES, changed(before, PkiFixture.snapshot(files.dir())));
        assertTrue(PkiFixture.certificate(files.serverCertificate()).getPublicKey() instanceof RSAPublicKey);
    }

    @Test
    void certificatesExpiringWithin30DaysAreRenewedWithTheSameCa() throws Exception {
        Clock longAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(380)), ZoneOffset.UTC);
        assertEquals(0, PkiFixture.run(longAgo, "--out", out).exitCode());
        Map<String, PkiFixture.FileState> before = PkiFixture.snapshot(files.dir());

        PkiFixture.Run run = PkiFixture.run("--out", out);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("within 30 days"), run.out());
        assertEquals(Set.of("ca.pem", "ca-key.pem", "truststore.p12"),
                unchanged(before, PkiFixture.snapshot(files.dir())));
        X509Certificate server = PkiFixture.certificate(files.serverCertificate());
        assertTrue(server.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(390))));
        PkiFixture.validate(server, PkiFixture.certificate(files.caCertificate()));
    }

    @Test
    void corruptCaKeyMeansANewCaAndEverythingReissued() throws Exception {
        assertEquals(0, PkiFixture.run("--out", out).exitCode());
        Files.writeString(files.caKey(), "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
        Map<String, PkiFixture.FileState> before = PkiFixture.snapshot(files.dir());

        PkiFixture.Run run = PkiFixture.run("--out", out);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("new CA"), run.out());
        assertEquals(Set.of(), unchanged(before, PkiFixture.snapshot(files.dir())));
        PkiFixture.validate(PkiFixture.certificate(files.clientCertificate("alice")),
                PkiFixture.certificate(files.caCertificate()));
    }

    @Test
    void otherPasswordRewritesTheStoresWithTheExistingCa() throws Exception {
        assertEquals(0, PkiFixture.run("--out", out).exitCode());
        Map<String, PkiFixture.FileState> before = PkiFixture.snapshot(files.dir());

        PkiFixture.Run run = PkiFixture.run("--out", out, "--password", "other-dev-password");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("store password: as given"), "a password given is not echoed: " + run.out());
        assertEquals(Set.of("ca.pem", "ca-key.pem"), unchanged(before, PkiFixture.snapshot(files.dir())));
        char[] other = "other-dev-password".toCharArray();
        assertTrue(PkiFixture.load(files.serverStore(), other).isKeyEntry(DevPkiFiles.SERVER_ALIAS));
        assertTrue(PkiFixture.load(files.trustStore(), other).isCertificateEntry(DevPkiFiles.CA_ALIAS));
    }

    private static Set<String> unchanged(Map<String, PkiFixture.FileState> before,
            Map<String, PkiFixture.FileState> after) {
        Set<String> names = new TreeSet<>();
        before.forEach((name, state) -> {
            if (state.equals(after.get(name))) {
                names.add(name);
            }
        });
        return names;
    }

    private static Set<String> changed(Map<String, PkiFixture.FileState> before,
            Map<String, PkiFixture.FileState> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.removeAll(unchanged(before, after));
        return names;
    }

    private static Set<String> added(Map<String, PkiFixture.FileState> before,
            Map<String, PkiFixture.FileState> after) {
        Set<String> names = new TreeSet<>(after.keySet());
        names.removeAll(before.keySet());
        return names;
    }
}
