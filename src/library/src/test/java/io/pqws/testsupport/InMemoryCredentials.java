package io.pqws.testsupport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 "localhost" credential made in memory, so TLS tests need no files and no global state.
 */
public final class InMemoryCredentials {

    public static final char[] PASSWORD = "test".toCharArray();
    private static final String ALIAS = "server";

    private final KeyStore keyStore;
    private final KeyStore trustStore;
    private final X509Certificate certificate;

    private InMemoryCredentials(KeyStore keyStore, KeyStore trustStore, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.certificate = certificate;
    }

    /** A fresh self-signed ECDSA P-256 certificate for {@code localhost} / {@code 127.0.0.1}. */
    public static InMemoryCredentials ecdsaP256Localhost() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), name, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));

            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(ALIAS, certificate);
            return new InMemoryCredentials(keyStore, trustStore, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test credentials", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate's private key, for peers outside the JVM (an OpenSSL client's {@code -key} file). */
    public PrivateKey privateKey() {
        try {
            return (PrivateKey) keyStore.getKey(ALIAS, PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the in-memory key store lost its key", e);
        }
    }

    public KeyStore trustStore() {
        return trustStore;
    }

    /** Key managers from the given factory algorithm and provider (BCJSSE wants its own "PKIX" ones). */
    public KeyManagerFactory keyManagers(String algorithm, java.security.Provider provider)
            throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(algorithm, provider);
        factory.init(keyStore, PASSWORD);
        return factory;
    }

    public TrustManagerFactory trustManagers(String algorithm, java.security.Provider provider)
            throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(algorithm, provider);
        factory.init(trustStore);
        return factory;
    }
}
