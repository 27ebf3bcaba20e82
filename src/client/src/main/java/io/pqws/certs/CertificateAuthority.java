package io.pqws.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The development CA: its certificate and private key, and the one place where certificates are built and signed.
 *
 * <p>Why Bouncy Castle here: the JDK has no public API to build certificates. The BC provider instance is handed in
 * and named on every call, so the JVM's provider list is never changed. The certificates come back as the JDK's own
 * {@link X509Certificate}s, ready for the JDK's key stores.
 */
final class CertificateAuthority {

    /** The classic CA: ECDSA P-256, which every TLS peer accepts. End entities choose their key types themselves. */
    static final X500Principal SUBJECT =
            new X500Principal("CN=pqws development CA (NOT FOR PRODUCTION), O=pqws dev");

    /** The post-quantum CA ({@code --ml-dsa}): ML-DSA signs its certificates, so the whole chain is ML-DSA. */
    static final X500Principal ML_DSA_SUBJECT =
            new X500Principal("CN=pqws development ML-DSA CA (NOT FOR PRODUCTION), O=pqws dev");

    /** Ten years: long enough that nobody re-imports the dev CA into a browser every year. */
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);

    /** Under the 398 days browsers accept for a TLS server certificate; clients get the same. */
    private static final Duration END_ENTITY_VALIDITY = Duration.ofDays(397);

    /** Certificates start a little in the past so that a peer whose clock is slightly behind accepts them. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final KeyAlgorithm algorithm;
    private final Provider provider;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, KeyAlgorithm algorithm,
            Provider provider) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.algorithm = algorithm;
        this.provider = provider;
    }

    /** A new self-signed ECDSA P-256 CA valid from {@code now}. */
    static CertificateAuthority create(Provider provider, Instant now) throws GeneralSecurityException, IOException {
        return create(provider, now, KeyAlgorithm.EC_P256, SUBJECT);
    }

    /** A new self-signed CA valid from {@code now}: CA:true with path length 0, keyCertSign and cRLSign only. */
    static CertificateAuthority create(Provider provider, Instant now, KeyAlgorithm key, X500Principal subject)
            throws GeneralSecurityException, IOException {
        KeyPair keys = key.generate(provider);
        Instant notBefore = now.minus(BACKDATE);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(notBefore), Date.from(notBefore.plus(CA_VALIDITY)), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(keys.getPublic()));
        X509Certificate certificate = sign(builder, key, keys.getPrivate(), provider);
        return new CertificateAuthority(certificate, keys.getPrivate(), key, provider);
    }

    /**
     * The CA an earlier run wrote, after checking that it is a CA certificate of a known key type and that the key
     * really belongs to it (a probe signature), so that nothing is ever issued that would not chain to it.
     */
    static CertificateAuthority read(Path certificateFile, Path keyFile, Provider provider)
            throws GeneralSecurityException, IOException {
        X509Certificate certificate = Pem.readCertificate(certificateFile);
        PrivateKey privateKey = Pem.readPrivateKey(keyFile, provider);
        if (certificate.getBasicConstraints() < 0) {
            throw new GeneralSecurityException("not a CA certificate");
        }
        PublicKey publicKey = certificate.getPublicKey();
        KeyAlgorithm algorithm = KeyAlgorithm.of(publicKey).orElseThrow(
                () -> new GeneralSecurityException("unsupported CA key type " + publicKey.getAlgorithm()));
        byte[] probe = "pqws dev CA key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm.signatureAlgorithm(), provider);
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm(), provider);
        verifier.initVerify(Keys.usable(publicKey, provider));
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("the CA key does not belong to the CA certificate");
        }
        return new CertificateAuthority(certificate, privateKey, algorithm, provider);
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The CA's key type. */
    KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** Whether {@code issued} carries a valid signature of this CA (checked with the BC provider: ML-DSA included). */
    boolean signed(X509Certificate issued) {
        try {
            issued.verify(Keys.usable(certificate.getPublicKey(), provider), provider);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Issues an end-entity certificate with a fresh key: CA:false, the key usage its key type needs, the EKU of its
     * purpose, SKI/AKI, and its subjectAltNames if any. It never outlives the CA.
     */
    Credential issue(CertificateSpec spec, Instant now) throws GeneralSecurityException, IOException {
        KeyPair keys = spec.key().generate(provider);
        Instant notBefore = now.minus(BACKDATE);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        Instant notAfter = notBefore.plus(END_ENTITY_VALIDITY);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serialNumber(),
                Date.from(notBefore), Date.from(notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter),
                spec.subject(), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(spec.key().endEntityKeyUsage()))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.purpose()))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(certificate.getPublicKey()));
        if (!spec.names().isEmpty()) {
            GeneralName[] names = spec.names().stream().map(SubjectAltName::toGeneralName).toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        X509Certificate issued = sign(builder, algorithm, privateKey, provider);
        return new Credential(keys.getPrivate(), List.of(issued, certificate));
    }

    /** A random positive serial number of at most 20 octets, as RFC 5280 asks. */
    private static BigInteger serialNumber() {
        return new BigInteger(159, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyAlgorithm algorithm, PrivateKey key,
            Provider provider) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).setProvider(provider)
                            .build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the CA key: " + e.getMessage(), e);
        }
    }
}
