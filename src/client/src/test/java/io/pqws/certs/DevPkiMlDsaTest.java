package io.pqws.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pqws.client.CertificateSummary;
import io.pqws.client.ClientHelloOffer;
import io.pqws.client.HandshakeOutcome;
import io.pqws.client.TlsHandshaker;

/**
 * {@code --ml-dsa}: an ML-DSA CA and server certificate (FIPS 204 OIDs, checked with Bouncy Castle's own PKIX
 * validator, since the JDK 17 knows no ML-DSA), {@code server-dual.p12} with both server keys, both CAs in the trust
 * store, re-runs that rewrite only what changed, and a real BCJSSE handshake in which the server picks the chain by the
 * client's {@code signature_algorithms}.
 */
class DevPkiMlDsaTest {

    private static final Provider BC = new BouncyCastleProvider();
    private static final Set<String> ML_DSA_FILES = Set.of("ca-mldsa.pem", "ca-mldsa-key.pem", "server-mldsa.p12",
            "server-mldsa.pem", "server-mldsa-key.pem", "server-dual.p12");

    @TempDir
    Path tmp;

    private DevPkiFiles make(String... extra) {
        DevPkiFiles files = new DevPkiFiles(tmp.resolve("dev"));
        List<String> args = new java.util.ArrayList<>(List.of("--out", files.dir().toString()));
        args.addAll(List.of(extra));
        PkiFixture.Run run = PkiFixture.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return files;
    }

    @Test
    void writesThePostQuantumPkiNextToTheClassicOne() throws Exception {
        DevPkiFiles files = make("--ml-dsa");
        Set<String> expected = new HashSet<>(PkiFixture.DEFAULT_FILES);
        expected.addAll(ML_DSA_FILES);
        assertEquals(expected, PkiFixture.snapshot(files.dir()).keySet());

        X509Certificate ca = bcCertificate(files.caMlDsaCertificate());
        X509Certificate server = bcCertificate(files.serverMlDsaCertificate());
        assertEquals(NISTObjectIdentifiers.id_ml_dsa_65.getId(), ca.getSigAlgOID());
        assertEquals(NISTObjectIdentifiers.id_ml_dsa_65.getId(), server.getSigAlgOID());
        assertEquals(NISTObjectIdentifiers.id_ml_dsa_65, keyOid(server));
        assertEquals(0, ca.getBasicConstraints());
        assertEquals(-1, server.getBasicConstraints());
        assertTrue(server.getKeyUsage()[0], "digitalSignature");
        assertFalse(server.getKeyUsage()[2], "no keyEncipherment: an ML-DSA key only signs");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
        assertEquals(SubjectAltName.of(PkiFixture.certificate(files.serverCertificate())), SubjectAltName.of(server),
                "the same names as the classic server certificate");
        validate(server, ca);
        assertKeyMatches(files.serverMlDsaKey(), server, "ML-DSA-65");
        assertKeyMatches(files.caMlDsaKey(), ca, "ML-DSA-65");
    }

    @Test
    void theDualStoreAndTheTrustStoreHoldBothChains() throws Exception {
        DevPkiFiles files = make("--ml-dsa");
        KeyStore dual = PkiFixture.load(files.serverDualStore(), PkiFixture.PASSWORD);
        assertEquals(Set.of(DevPkiFiles.SERVER_ALIAS, DevPkiFiles.SERVER_MLDSA_ALIAS),
                new HashSet<>(java.util.Collections.list(dual.aliases())));
        assertEquals(PkiFixture.certificate(files.serverCertificate()), dual.getCertificate(DevPkiFiles.SERVER_ALIAS));
        assertEquals(PkiFixture.certificate(files.serverMlDsaCertificate()),
                dual.getCertificate(DevPkiFiles.SERVER_MLDSA_ALIAS));
        assertEquals(2, dual.getCertificateChain(DevPkiFiles.SERVER_MLDSA_ALIAS).length);

        KeyStore trust = PkiFixture.load(files.trustStore(), PkiFixture.PASSWORD);
        assertEquals(PkiFixture.certificate(files.caCertificate()), trust.getCertificate(DevPkiFiles.CA_ALIAS));
        assertEquals(PkiFixture.certificate(files.caMlDsaCertificate()), trust.getCertificate(DevPkiFiles.CA_MLDSA_ALIAS));
    }

    @Test
    void reRunsRewriteOnlyWhatChanged() throws Exception {
        DevPkiFiles files = make("--ml-dsa");
        var first = PkiFixture.snapshot(files.dir());

        make("--ml-dsa");
        assertEquals(first, PkiFixture.snapshot(files.dir()), "an ML-DSA PKI is recognised as up to date");
        make();
        assertEquals(first, PkiFixture.snapshot(files.dir()), "a run without --ml-dsa leaves it in place");

        make("--ml-dsa", "87");
        var level87 = PkiFixture.snapshot(files.dir());
        assertEquals(NISTObjectIdentifiers.id_ml_dsa_87, keyOid(bcCertificate(files.serverMlDsaCertificate())));
        assertEquals(NISTObjectIdentifiers.id_ml_dsa_87, keyOid(bcCertificate(files.caMlDsaCertificate())));
        assertEquals(first.get("ca.pem"), level87.get("ca.pem"), "the classic CA stays");
        assertEquals(first.get("server.pem"), level87.get("server.pem"));
        assertNotEquals(first.get("server-dual.p12"), level87.get("server-dual.p12"));
        assertNotEquals(first.get("truststore.p12"), level87.get("truststore.p12"));

        make("--ml-dsa", "87", "--san", "pqws.test");
        var renamed = PkiFixture.snapshot(files.dir());
        assertNotEquals(level87.get("server.pem"), renamed.get("server.pem"));
        assertNotEquals(level87.get("server-mldsa.pem"), renamed.get("server-mldsa.pem"), "the same names on both");
        assertNotEquals(level87.get("server-dual.p12"), renamed.get("server-dual.p12"));
        assertEquals(level87.get("ca-mldsa.pem"), renamed.get("ca-mldsa.pem"));
    }

    @Test
    void mlDsa44IsTheSmallLevel() throws Exception {
        DevPkiFiles files = make("--ml-dsa", "44");
        assertEquals(NISTObjectIdentifiers.id_ml_dsa_44, keyOid(bcCertificate(files.serverMlDsaCertificate())));
        validate(bcCertificate(files.serverMlDsaCertificate()), bcCertificate(files.caMlDsaCertificate()));
    }

    @Test
    void anMlDsaServerKeyUnderTheClassicCa() throws Exception {
        DevPkiFiles files = make("--server-key", "mldsa65");
        X509Certificate server = bcCertificate(files.serverCertificate());
        assertEquals(NISTObjectIdentifiers.id_ml_dsa_65, keyOid(server));
        assertEquals("SHA256WITHECDSA", server.getSigAlgName().toUpperCase(java.util.Locale.ROOT));
        validate(server, bcCertificate(files.caCertificate()));
    }

    /**
     * BCJSSE 1.84 on both sides: a server holding both chains presents ML-DSA-65 to a client that lists ML-DSA first
     * and ECDSA to one that uses Bouncy Castle's defaults (which leave ML-DSA out).
     */
    @Test
    void aBcjsseServerPicksTheChainByTheClientsSignatureAlgorithms() throws Exception {
        DevPkiFiles files = make("--ml-dsa");
        BouncyCastleJsseProvider jsse = new BouncyCastleJsseProvider(BC);
        KeyStore dual = KeyStore.getInstance("PKCS12", BC); // BC reads the ML-DSA key; the JDK 17 cannot
        try (InputStream in = Files.newInputStream(files.serverDualStore())) {
            dual.load(in, PkiFixture.PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX", jsse);
        keys.init(dual, PkiFixture.PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS", jsse);
        context.init(keys.getKeyManagers(), null, null);
        KeyStore trust = PkiFixture.load(files.trustStore(), PkiFixture.PASSWORD);
        ExecutorService server = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            server.execute(() -> serve(listener, 2));
            ClientHelloOffer hybrid = ClientHelloOffer.tls13("X25519MLKEM768", "secp256r1");
            TlsHandshaker client = new TlsHandshaker(trust, false, Duration.ofSeconds(10));

            HandshakeOutcome mlDsa = client.handshake("localhost", listener.getLocalPort(),
                    hybrid.withSignatureSchemes(ClientHelloOffer.ML_DSA_FIRST));
            assertTrue(mlDsa.completed(), mlDsa.failure());
            assertEquals(List.of("ML-DSA-65", "ML-DSA-65"), mlDsa.chain().stream().map(CertificateSummary::publicKey)
                    .toList());
            assertEquals("X25519MLKEM768", mlDsa.namedGroup());

            HandshakeOutcome classic = client.handshake("localhost", listener.getLocalPort(), hybrid);
            assertTrue(classic.completed(), classic.failure());
            assertEquals("EC P-256", classic.chain().get(0).publicKey());
        } finally {
            server.shutdown();
            assertTrue(server.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** Serves {@code count} handshakes with the ML-DSA schemes enabled per socket, as the profile enables them. */
    private static void serve(SSLServerSocket listener, int count) {
        for (int i = 0; i < count; i++) {
            try (SSLSocket socket = (SSLSocket) listener.accept()) {
                socket.setSoTimeout(10_000);
                BCSSLSocket bc = (BCSSLSocket) socket;
                BCSSLParameters parameters = bc.getParameters();
                parameters.setNamedGroups(new String[] {"X25519MLKEM768", "x25519", "secp256r1"});
                parameters.setSignatureSchemes(ClientHelloOffer.ML_DSA_FIRST.toArray(String[]::new));
                bc.setParameters(parameters);
                socket.startHandshake();
                socket.getInputStream().read(); // until the client's close_notify
            } catch (IOException e) {
                // the client saw the outcome; its assertions say what went wrong
            }
        }
    }

    private static X509Certificate bcCertificate(Path pem) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509", BC)
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    private static org.bouncycastle.asn1.ASN1ObjectIdentifier keyOid(X509Certificate certificate) {
        return SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getAlgorithm().getAlgorithm();
    }

    private static void validate(X509Certificate endEntity, X509Certificate ca) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX", BC).validate(
                CertificateFactory.getInstance("X.509", BC).generateCertPath(List.of(endEntity)), parameters);
    }

    private static void assertKeyMatches(Path pemKey, X509Certificate certificate, String algorithm)
            throws IOException, GeneralSecurityException {
        PrivateKey key = Pem.readPrivateKey(pemKey, BC);
        byte[] message = "pqws".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm, BC);
        signer.initSign(key);
        signer.update(message);
        Signature verifier = Signature.getInstance(algorithm, BC);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        assertTrue(verifier.verify(signer.sign()), pemKey + " belongs to " + certificate.getSubjectX500Principal());
    }
}
