package io.pqws.it;

import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
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

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Client certificates the server must not accept, made in memory for the abuse corpus: expired and not yet valid
 * (signed by the test PKI's real CA, so only the dates are wrong), self-signed (an untrusted issuer), and one for
 * server authentication only (wrong extended key usage).
 */
final class RogueCertificates {

    private RogueCertificates() {
    }

    /** A key store holding the named rogue certificate with its key, under {@link PqwsServer#STORE_PASSWORD}. */
    static KeyStore keyStore(String kind) {
        try {
            Instant now = Instant.now();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=mallory,O=pqws dev");
            X509Certificate ca = PqwsServer.caCertificate();
            PrivateKey caKey = caKey();
            X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
            PrivateKey signer = caKey;
            Date from = Date.from(now.minus(Duration.ofDays(1)));
            Date to = Date.from(now.plus(Duration.ofDays(1)));
            KeyPurposeId purpose = KeyPurposeId.id_kp_clientAuth;
            switch (kind) {
                case "expired-cert" -> {
                    from = Date.from(now.minus(Duration.ofDays(30)));
                    to = Date.from(now.minus(Duration.ofDays(1)));
                }
                case "future-cert" -> {
                    from = Date.from(now.plus(Duration.ofDays(1)));
                    to = Date.from(now.plus(Duration.ofDays(30)));
                }
                case "untrusted-cert" -> {
                    issuer = subject;
                    signer = keys.getPrivate();
                }
                case "server-only-cert" -> purpose = KeyPurposeId.id_kp_serverAuth;
                default -> throw new IllegalArgumentException("unknown rogue certificate " + kind);
            }
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, new SecureRandom()), from, to, subject, keys.getPublic());
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            X509Certificate[] chain = signer == caKey ? new X509Certificate[] {certificate, ca}
                    : new X509Certificate[] {certificate};
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("rogue", keys.getPrivate(), PqwsServer.STORE_PASSWORD, chain);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the rogue certificate " + kind, e);
        }
    }

    private static PrivateKey caKey() throws Exception {
        try (Reader reader = Files.newBufferedReader(PqwsServer.certsDir().resolve("ca-key.pem"));
                PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (pem instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            return converter.getPrivateKey((PrivateKeyInfo) pem);
        }
    }
}
