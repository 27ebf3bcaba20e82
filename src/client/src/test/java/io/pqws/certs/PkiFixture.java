package io.pqws.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * What the dev PKI tests share: running the command as a user would, and reading its output with the JDK alone, so
 * that the tests judge the files as any JVM would, not through the code that wrote them.
 */
final class PkiFixture {

    static final char[] PASSWORD = DevPkiFiles.DEFAULT_PASSWORD.toCharArray();

    /** The files a default run writes. */
    static final Set<String> DEFAULT_FILES = Set.of("ca.pem", "ca-key.pem", "server.p12", "server.pem",
            "server-key.pem", "client-alice.p12", "client-alice.pem", "client-alice-key.pem", "client-bob.p12",
            "client-bob.pem", "client-bob-key.pem", "truststore.p12");

    /** One run of the command: its exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
    }

    /** One file as it was at a moment: its bytes (as hex, so that records compare them) and its modification time. */
    record FileState(String hex, FileTime modified) {
    }

    private PkiFixture() {
    }

    static Run run(String... args) {
        return run(Clock.systemUTC(), args);
    }

    static Run run(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = DevPki.commandLine(clock)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Every file in the directory, by name, with its bytes and modification time. */
    static Map<String, FileState> snapshot(Path dir) throws IOException {
        Map<String, FileState> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : (Iterable<Path>) list::iterator) {
                files.put(file.getFileName().toString(), new FileState(
                        HexFormat.of().formatHex(Files.readAllBytes(file)), Files.getLastModifiedTime(file)));
            }
        }
        return files;
    }

    static KeyStore load(Path store, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, password);
        }
        return keyStore;
    }

    static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Validates the end-entity certificate up to the CA with the JDK's PKIX validator (no revocation: a dev CA). */
    static void validate(X509Certificate endEntity, X509Certificate ca) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(endEntity)), parameters);
    }

    /** The key is on the named curve P-256 (secp256r1), which is what TLS peers accept. */
    static void assertP256(X509Certificate certificate) {
        assertEquals(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
                SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getAlgorithm());
    }

    /** The PEM key signs what the certificate's public key verifies, read with the JDK's own key factory. */
    static void assertKeyMatches(Path pemKey, X509Certificate certificate)
            throws IOException, GeneralSecurityException {
        String pem = Files.readString(pemKey, StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(
                pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        String algorithm = certificate.getPublicKey().getAlgorithm();
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        String signatureAlgorithm = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] message = "pqws".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(key);
        signer.update(message);
        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        assertTrue(verifier.verify(signer.sign()), pemKey + " belongs to " + certificate.getSubjectX500Principal());
    }
}
