package io.pqws.client;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.security.auth.x500.X500Principal;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed ECDSA P-256 credentials with a chosen name, made in memory: a client certificate for mutual TLS, or a
 * server certificate whose subjectAltName deliberately misses the host the test connects to. Can be written to
 * PKCS12 files for the CLI.
 */
final class PeerCredentials {

    static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keyStore;
    private final X509Certificate certificate;

    private PeerCredentials(KeyStore keyStore, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    /** A self-signed certificate for {@code subject} with the given subjectAltNames (none when empty). */
    static PeerCredentials selfSigned(String subject, GeneralName... subjectAltNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            // via X500Principal so the RDN order is the JDK's ("CN=alice, O=pqws dev" reads back the same)
            X500Name name = X500Name.getInstance(new X500Principal(subject).getEncoded());
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), name, keyPair.getPublic());
            if (subjectAltNames.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltNames));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("key", keyPair.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
            return new PeerCredentials(keyStore, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test credentials", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    KeyStore keyStore() {
        return keyStore;
    }

    KeyManagerFactory keyManagers() throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", TestWssServer.JSSE);
        factory.init(keyStore, PASSWORD);
        return factory;
    }

    /** Trust managers that trust exactly this certificate. */
    TrustManagerFactory trustManagers() throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", TestWssServer.JSSE);
        factory.init(trustStoreOf(certificate));
        return factory;
    }

    /** The key store as a PKCS12 file protected by {@link #PASSWORD}. */
    Path writeKeyStore(Path file) throws GeneralSecurityException, IOException {
        return write(keyStore, file);
    }

    static KeyStore trustStoreOf(X509Certificate certificate) throws GeneralSecurityException, IOException {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("trusted", certificate);
        return trustStore;
    }

    /** A PKCS12 trust store file holding {@code certificate}, protected by {@link #PASSWORD}. */
    static Path writeTrustStore(X509Certificate certificate, Path file) throws GeneralSecurityException, IOException {
        return write(trustStoreOf(certificate), file);
    }

    private static Path write(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }
}
