package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * What {@code jdk.tls.server.SignatureSchemes}, set to the shipped profiles' list, restricts on a real BCJSSE 1.84
 * server, found by loopback handshakes (pq-profile/README.md, "Signature schemes", states these results):
 * <ol>
 * <li>what the server signs with: a TLS 1.2 client offering only SHA-1 or SHA-224 is refused, where BCJSSE's defaults
 * sign with SHA-1;</li>
 * <li>what it asks of a client certificate: the CertificateRequest lists only the profile's schemes (so a client's
 * CertificateVerify cannot use SHA-1; BCJSSE also refuses one that does, {@code TlsUtils.verifyCertificateVerifyClient});
 * </li>
 * <li>the signatures in the client's certificate chain, in TLS 1.2 and 1.3: a chain signed with SHA-1 is refused
 * ({@code certificate_unknown}), where the defaults accept it.</li>
 * </ol>
 * An ECDSA P-256 client certificate signed with SHA-256, as the dev PKI's, is accepted in both versions.
 * Every refusal is paired with the same client getting through without the list, or with a SHA-256 offer.
 */
class ServerSignatureSchemesTest {

    private static final Path SHIPPED = Path.of(System.getProperty("pqws.basedir", "."), "pq-profile");
    private static final String PROPERTY = "jdk.tls.server.SignatureSchemes";

    private SystemProperties properties;

    @BeforeEach
    void classicGroups() {
        properties = SystemProperties.set("jdk.tls.namedGroups", "x25519,secp256r1", PROPERTY, null,
                PqwsJssePolicy.REQUIRE_HYBRID, null);
    }

    @AfterEach
    void restore() {
        properties.close();
    }

    /**
     * The signature schemes of the shipped {@code hybrid} profile (the same list in hybrid-only and classic), as its
     * {@code jvm.options} set them.
     */
    private void profileSchemes() throws Exception {
        String option = "-D" + PROPERTY + "=";
        String schemes = Files.readAllLines(SHIPPED.resolve("hybrid").resolve("jvm.options")).stream()
                .filter(line -> line.startsWith(option)).map(line -> line.substring(option.length())).findFirst()
                .orElseThrow(() -> new AssertionError("the hybrid profile sets " + PROPERTY));
        properties.and(PROPERTY, schemes);
    }

    @Test
    void bcjssesDefaultsSignWithSha1ForAClientThatOffersNothingBetter() throws Exception {
        MemoryHandshake handshake = MemoryHandshake.run(client("TLSv1.2", "ecdsa_sha1"), server(null));

        assertTrue(handshake.completed(), "the finding this list closes: " + handshake.server.failure);
    }

    @Test
    void withTheProfileListATls12ClientOfferingOnlySha1OrSha224IsRefused() throws Exception {
        profileSchemes();
        for (String weak : List.of("ecdsa_sha1", "ecdsa_sha224")) {
            MemoryHandshake handshake = MemoryHandshake.run(client("TLSv1.2", weak), server(null));

            assertFalse(handshake.completed(), weak);
            assertNotNull(handshake.server.failure, weak);
        }
    }

    @Test
    void positiveControl_withTheProfileListSha256IsServedInTls12And13() throws Exception {
        profileSchemes();
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            MemoryHandshake handshake = MemoryHandshake.run(client(protocol, "ecdsa_secp256r1_sha256"), server(null));

            assertTrue(handshake.completed(), protocol + ": " + handshake.server.failure);
            assertEquals(protocol, handshake.client.engine.getSession().getProtocol());
        }
    }

    @Test
    void theCertificateRequestAsksOnlyForTheProfilesSchemesAndAP256ClientCertificateIsAccepted() throws Exception {
        ClientCredential alice = ClientCredential.signedWith("SHA256withECDSA");
        profileSchemes();
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            RecordingKeyManager keys = alice.keyManager();
            MemoryHandshake handshake = MemoryHandshake.run(client(protocol, keys), server(alice));

            assertTrue(handshake.completed(), protocol + ": " + handshake.server.failure);
            assertEquals("CN=alice", handshake.server.engine.getSession().getPeerPrincipal().getName(), protocol);
            List<String> asked = keys.serverAsked();
            assertTrue(asked.contains("SHA256withECDSA"), protocol + ": " + asked);
            assertTrue(asked.stream().noneMatch(a -> a.startsWith("SHA1") || a.startsWith("SHA224")),
                    protocol + ": " + asked);
        }
    }

    @Test
    void bcjssesDefaultsAskForSha1InTheCertificateRequest() throws Exception {
        ClientCredential alice = ClientCredential.signedWith("SHA256withECDSA");
        RecordingKeyManager keys = alice.keyManager();
        MemoryHandshake handshake = MemoryHandshake.run(client("TLSv1.2", keys), server(alice));

        assertTrue(handshake.completed(), String.valueOf(handshake.server.failure));
        assertTrue(keys.serverAsked().contains("SHA1withECDSA"), keys.serverAsked().toString());
    }

    @Test
    void aClientCertificateSignedWithSha1IsRefusedOnlyWithTheProfileList() throws Exception {
        ClientCredential sha1 = ClientCredential.signedWith("SHA1withECDSA");
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            MemoryHandshake defaults = MemoryHandshake.run(client(protocol, sha1.keyManager()), server(sha1));
            assertTrue(defaults.completed(), "control, BCJSSE's defaults, " + protocol + ": " + defaults.server.failure);
        }
        profileSchemes();
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            MemoryHandshake handshake = MemoryHandshake.run(client(protocol, sha1.keyManager().sendingAnyway()),
                    server(sha1));
            assertFalse(handshake.completed(), protocol);
            assertTrue(String.valueOf(handshake.server.failure).contains("certificate_unknown"),
                    protocol + ": " + handshake.server.failure);
        }
    }

    /** A BCJSSE server engine; with {@code clients}, it requires a client certificate issued by their CA. */
    private static SSLEngine server(ClientCredential clients) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", TestPki.BCJSSE);
        TrustManagerFactory trust = null;
        if (clients != null) {
            trust = TrustManagerFactory.getInstance("PKIX", TestPki.BCJSSE);
            trust.init(clients.trustStore());
        }
        context.init(TestPki.keyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        SSLEngine engine = TestPki.server(context);
        engine.setNeedClientAuth(clients != null);
        return engine;
    }

    /**
     * A TLS 1.2 or 1.3 client whose {@code signature_algorithms} offer only {@code scheme}; its
     * {@code signature_algorithms_cert} accept the server's SHA-256 chain, so only the handshake signature is at stake
     * (with {@code scheme} alone, BCJSSE's key manager would refuse the SHA-256 chain before signing anything).
     */
    private static SSLEngine client(String protocol, String scheme) throws Exception {
        SSLEngine engine = configure(TestPki.bcClientContext().createSSLEngine("localhost", 443), protocol, scheme);
        BCSSLParameters parameters = ((BCSSLEngine) engine).getParameters();
        parameters.setSignatureSchemesCert(new String[] {"ecdsa_secp256r1_sha256"});
        ((BCSSLEngine) engine).setParameters(parameters);
        return engine;
    }

    private static SSLEngine client(String protocol, KeyManager keys) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", TestPki.BCJSSE);
        context.init(new KeyManager[] {keys}, TestPki.trustManagers(TestPki.BCJSSE), null);
        return configure(context.createSSLEngine("localhost", 443), protocol);
    }

    private static SSLEngine configure(SSLEngine engine, String protocol, String... signatureSchemes) {
        engine.setUseClientMode(true);
        BCSSLParameters parameters = ((BCSSLEngine) engine).getParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setNamedGroups(new String[] {"x25519", "secp256r1"});
        if (signatureSchemes.length > 0) {
            parameters.setSignatureSchemes(signatureSchemes);
        }
        ((BCSSLEngine) engine).setParameters(parameters);
        return engine;
    }

    /** An ECDSA P-256 client certificate "CN=alice", issued by its own CA with the given signature algorithm. */
    private record ClientCredential(KeyPair keys, X509Certificate certificate, X509Certificate ca) {

        static ClientCredential signedWith(String signatureAlgorithm) throws Exception {
            KeyPair caKeys = p256();
            X500Name caName = new X500Name("CN=test client CA");
            X509Certificate ca = certificate(caName, caName, caKeys.getPublic(), caKeys.getPrivate(), "SHA256withECDSA",
                    true);
            KeyPair keys = p256();
            X509Certificate leaf = certificate(new X500Name("CN=alice"), caName, keys.getPublic(), caKeys.getPrivate(),
                    signatureAlgorithm, false);
            return new ClientCredential(keys, leaf, ca);
        }

        KeyStore trustStore() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            return store;
        }

        RecordingKeyManager keyManager() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("alice", keys.getPrivate(), TestPki.PASSWORD, new X509Certificate[] {certificate, ca});
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", TestPki.BCJSSE);
            factory.init(store, TestPki.PASSWORD);
            return new RecordingKeyManager((X509ExtendedKeyManager) factory.getKeyManagers()[0]);
        }

        private static KeyPair p256() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", TestPki.BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        }

        private static X509Certificate certificate(X500Name subject, X500Name issuer, java.security.PublicKey key,
                PrivateKey signer, String signatureAlgorithm, boolean isCa) throws Exception {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(isCa ? 0 : 1)),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (!isCa) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            return new JcaX509CertificateConverter().setProvider(TestPki.BC).getCertificate(builder.build(
                    new JcaContentSignerBuilder(signatureAlgorithm).setProvider(TestPki.BC).build(signer)));
        }
    }

    /** A client key manager that notes which signature algorithms the server's CertificateRequest listed. */
    private static final class RecordingKeyManager extends ForwardingKeyManager {

        private final List<String> serverAsked = new CopyOnWriteArrayList<>();
        private volatile boolean sendAnyway;

        RecordingKeyManager(X509ExtendedKeyManager delegate) {
            super(delegate);
        }

        /** Sends the certificate even where BCJSSE's key manager finds its chain unfit for the server's request. */
        RecordingKeyManager sendingAnyway() {
            sendAnyway = true;
            return this;
        }

        List<String> serverAsked() {
            return List.copyOf(serverAsked);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            serverAsked.addAll(List.of(((ExtendedSSLSession) engine.getHandshakeSession())
                    .getPeerSupportedSignatureAlgorithms()));
            String chosen = super.chooseEngineClientAlias(keyType, issuers, engine);
            return chosen == null && sendAnyway ? "alice" : chosen;
        }
    }
}
