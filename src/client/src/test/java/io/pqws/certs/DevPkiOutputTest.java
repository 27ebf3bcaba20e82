package io.pqws.certs;

import static io.pqws.certs.PkiFixture.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a default run writes, judged with the JDK alone: stores, chains, certificate profiles, permissions. */
class DevPkiOutputTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    static Path tmp;

    private static DevPkiFiles files;
    private static PkiFixture.Run run;
    private static X509Certificate ca;

    @BeforeAll
    static void generate() throws Exception {
        files = new DevPkiFiles(tmp.resolve("dev"));
        run = PkiFixture.run("--out", files.dir().toString());
        assertEquals(0, run.exitCode(), run.err());
        ca = PkiFixture.certificate(files.caCertificate());
    }

    @Test
    void writesExactlyTheDocumentedFiles() throws IOException {
        try (Stream<Path> list = Files.list(files.dir())) {
            assertEquals(PkiFixture.DEFAULT_FILES,
                    list.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void directoryIsOwnerOnlyAndEveryFileIs0600() throws IOException {
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(files.dir()));
        for (String name : PkiFixture.DEFAULT_FILES) {
            assertEquals(PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(files.dir().resolve(name)), name);
        }
    }

    @Test
    void warnsOnStderrAndSummarizesOnStdout() {
        assertTrue(run.err().contains(DevPki.WARNING), run.err());
        assertTrue(run.out().contains("Wrote to " + files.dir().toAbsolutePath()), run.out());
        assertTrue(run.out().contains("server.p12 [alias pqws-server]"), run.out());
        assertTrue(run.out().contains("truststore.p12 [alias pqws-dev-ca]"), run.out());
    }

    @Test
    void storesLoadWithTheJdkKeyStore() throws Exception {
        KeyStore server = PkiFixture.load(files.serverStore(), PASSWORD);
        assertEquals("SUN", server.getProvider().getName());
        assertEquals(List.of(DevPkiFiles.SERVER_ALIAS), Collections.list(server.aliases()));
        assertTrue(server.isKeyEntry(DevPkiFiles.SERVER_ALIAS));
        Certificate[] chain = server.getCertificateChain(DevPkiFiles.SERVER_ALIAS);
        assertEquals(2, chain.length);
        assertEquals(PkiFixture.certificate(files.serverCertificate()), chain[0]);
        assertEquals(ca, chain[1]);

        for (String client : List.of("alice", "bob")) {
            KeyStore store = PkiFixture.load(files.clientStore(client), PASSWORD);
            assertTrue(store.isKeyEntry(client), client);
            assertEquals(PkiFixture.certificate(files.clientCertificate(client)), store.getCertificate(client));
            assertEquals(ca, store.getCertificateChain(client)[1]);
        }

        KeyStore trust = PkiFixture.load(files.trustStore(), PASSWORD);
        assertEquals(1, trust.size());
        assertTrue(trust.isCertificateEntry(DevPkiFiles.CA_ALIAS));
        assertEquals(ca, trust.getCertificate(DevPkiFiles.CA_ALIAS));
    }

    @Test
    void chainsValidateToTheCa() throws Exception {
        PkiFixture.validate(PkiFixture.certificate(files.serverCertificate()), ca);
        PkiFixture.validate(PkiFixture.certificate(files.clientCertificate("alice")), ca);
        PkiFixture.validate(PkiFixture.certificate(files.clientCertificate("bob")), ca);
    }

    @Test
    void caIsAPathLengthZeroCaThatOnlySignsCertificates() throws Exception {
        assertEquals(new X500Principal("CN=pqws development CA (NOT FOR PRODUCTION), O=pqws dev"),
                ca.getSubjectX500Principal());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
        assertEquals(0, ca.getBasicConstraints());
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0], "no digitalSignature");
        assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        PkiFixture.assertP256(ca);
    }

    @Test
    void serverCertificateHasTheTlsServerProfile() throws Exception {
        X509Certificate server = PkiFixture.certificate(files.serverCertificate());
        assertEquals(new X500Principal("CN=localhost, O=pqws dev"), server.getSubjectX500Principal());
        assertEquals(Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")),
                Set.copyOf(server.getSubjectAlternativeNames()));
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        assertEquals(-1, server.getBasicConstraints());
        assertTrue(server.getCriticalExtensionOIDs().contains("2.5.29.19"), "basicConstraints is critical");
        boolean[] usage = server.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        assertFalse(usage[2] || usage[5] || usage[6], "no keyEncipherment (EC), keyCertSign or cRLSign");
        PkiFixture.assertP256(server);
        assertKeyIdentifiersLinkTo(server, ca);
        assertTrue(validity(server).compareTo(Duration.ofDays(397)) <= 0, "at most 397 days");
        assertTrue(validity(server).compareTo(Duration.ofDays(390)) > 0, "about 397 days");
        PkiFixture.assertKeyMatches(files.serverKey(), server);
    }

    @Test
    void clientCertificatesHaveTheTlsClientProfile() throws Exception {
        for (String client : List.of("alice", "bob")) {
            X509Certificate certificate = PkiFixture.certificate(files.clientCertificate(client));
            assertEquals(new X500Principal("CN=" + client + ", O=pqws dev"), certificate.getSubjectX500Principal());
            assertEquals(List.of(CLIENT_AUTH), certificate.getExtendedKeyUsage());
            assertNull(certificate.getSubjectAlternativeNames());
            assertEquals(-1, certificate.getBasicConstraints());
            assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
            PkiFixture.assertP256(certificate);
            assertKeyIdentifiersLinkTo(certificate, ca);
            PkiFixture.assertKeyMatches(files.clientKey(client), certificate);
        }
    }

    @Test
    void rsaServerKeyIsRsa3072WithKeyEnciphermentUnderTheEcCa() throws Exception {
        DevPkiFiles rsa = new DevPkiFiles(tmp.resolve("rsa"));
        assertEquals(0, PkiFixture.run("--out", rsa.dir().toString(), "--server-key", "RSA").exitCode());

        X509Certificate server = PkiFixture.certificate(rsa.serverCertificate());
        assertEquals(3072, ((RSAPublicKey) server.getPublicKey()).getModulus().bitLength());
        boolean[] usage = server.getKeyUsage();
        assertTrue(usage[0] && usage[2], "digitalSignature and keyEncipherment");
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        X509Certificate rsaCa = PkiFixture.certificate(rsa.caCertificate());
        PkiFixture.assertP256(rsaCa);
        PkiFixture.validate(server, rsaCa);
        PkiFixture.assertKeyMatches(rsa.serverKey(), server);
        assertEquals(server, PkiFixture.load(rsa.serverStore(), PASSWORD).getCertificate(DevPkiFiles.SERVER_ALIAS));
    }

    @Test
    void extraNamesJoinTheLoopbackNames() throws Exception {
        DevPkiFiles named = new DevPkiFiles(tmp.resolve("named"));
        assertEquals(0, PkiFixture.run("--out", named.dir().toString(), "--san", "pqws.test", "--san", "192.0.2.10",
                "--san", "IP:0::1", "--client", "carol").exitCode());

        X509Certificate server = PkiFixture.certificate(named.serverCertificate());
        assertEquals(Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"),
                List.of(2, "pqws.test"), List.of(7, "192.0.2.10")), Set.copyOf(server.getSubjectAlternativeNames()));
        assertTrue(Files.exists(named.clientStore("carol")));
        assertFalse(Files.exists(named.clientStore("alice")), "--client replaces the default clients");
    }

    @Test
    void pemKeysArePkcs8() throws IOException {
        for (Path key : List.of(files.caKey(), files.serverKey(), files.clientKey("alice"))) {
            assertTrue(Files.readString(key, StandardCharsets.US_ASCII).startsWith("-----BEGIN PRIVATE KEY-----\n"),
                    key.toString());
        }
    }

    private static void assertKeyIdentifiersLinkTo(X509Certificate certificate, X509Certificate issuer)
            throws Exception {
        X509CertificateHolder subject = new X509CertificateHolder(certificate.getEncoded());
        X509CertificateHolder authority = new X509CertificateHolder(issuer.getEncoded());
        assertArrayEquals(
                SubjectKeyIdentifier.fromExtensions(authority.getExtensions()).getKeyIdentifier(),
                AuthorityKeyIdentifier.fromExtensions(subject.getExtensions()).getKeyIdentifierOctets());
        assertTrue(SubjectKeyIdentifier.fromExtensions(subject.getExtensions()).getKeyIdentifier().length > 0);
    }

    private static Duration validity(X509Certificate certificate) {
        return Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }
}
