package io.pqws.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The key types the dev PKI issues certificates for, each tied to how its keys are made, how it signs, and which key
 * usages a TLS end entity holding it needs.
 *
 * <p>Why an enum: the key type is the one thing that changes between classic and post-quantum certificates. The ML-DSA
 * levels of FIPS 204 are constants like the others (key pair generator and signature both named {@code "ML-DSA-65"},
 * key usage digitalSignature only, matched by their algorithm OID); nothing else in the tool switches on the key type.
 * On JDK 17 only Bouncy Castle knows ML-DSA, so keys are made and signed with the BC provider instance handed in.
 */
enum KeyAlgorithm {

    /** ECDSA on NIST P-256 (secp256r1): the default, accepted by every TLS 1.2 and 1.3 stack. */
    EC_P256("ec", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", KeyUsage.digitalSignature) {
        private final AlgorithmIdentifier p256 =
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1);

        @Override
        boolean matches(PublicKey key) {
            return p256.equals(SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm());
        }
    },

    /**
     * RSA with a 3072-bit modulus (128-bit security, like P-256), for peers that cannot do ECDSA. keyEncipherment is
     * there because a TLS 1.2 peer may still choose RSA key transport.
     */
    RSA_3072("rsa", "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA",
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment) {
        @Override
        boolean matches(PublicKey key) {
            return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == 3072;
        }
    },

    /** ML-DSA-44 (FIPS 204, NIST security category 2): the smallest signatures. */
    ML_DSA_44("mldsa44", NISTObjectIdentifiers.id_ml_dsa_44),

    /** ML-DSA-65 (category 3): the default post-quantum level, the one TLS drafts and OpenSSL 3.5 lead with. */
    ML_DSA_65("mldsa65", NISTObjectIdentifiers.id_ml_dsa_65),

    /** ML-DSA-87 (category 5): the largest keys and signatures. */
    ML_DSA_87("mldsa87", NISTObjectIdentifiers.id_ml_dsa_87);

    private final String cliName;
    private final String generatorName;
    private final AlgorithmParameterSpec parameters;
    private final String signatureAlgorithm;
    private final int endEntityKeyUsage;

    private final ASN1ObjectIdentifier mlDsaOid;

    KeyAlgorithm(String cliName, String generatorName, AlgorithmParameterSpec parameters, String signatureAlgorithm,
            int endEntityKeyUsage) {
        this.cliName = cliName;
        this.generatorName = generatorName;
        this.parameters = parameters;
        this.signatureAlgorithm = signatureAlgorithm;
        this.endEntityKeyUsage = endEntityKeyUsage;
        this.mlDsaOid = null;
    }

    /** An ML-DSA level: keys, signatures and the algorithm are all named after it; the key only signs. */
    KeyAlgorithm(String cliName, ASN1ObjectIdentifier oid) {
        String name = "ML-DSA-" + cliName.substring("mldsa".length());
        this.cliName = cliName;
        this.generatorName = name;
        this.parameters = null;
        this.signatureAlgorithm = name;
        this.endEntityKeyUsage = KeyUsage.digitalSignature;
        this.mlDsaOid = oid;
    }

    /** The key type named on the command line ({@code ec}, {@code rsa}, {@code mldsa65}...), case-insensitive. */
    static KeyAlgorithm fromCliName(String name) {
        return Arrays.stream(values())
                .filter(a -> a.cliName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown key type '" + name + "' (expected one of: "
                        + Arrays.stream(values()).map(KeyAlgorithm::cliName).collect(Collectors.joining(", ")) + ")"));
    }

    /** The key type of an existing public key, if it is one this tool issues. */
    static Optional<KeyAlgorithm> of(PublicKey key) {
        return Arrays.stream(values()).filter(a -> a.matches(key)).findFirst();
    }

    String cliName() {
        return cliName;
    }

    /** The JCA signature algorithm a key of this type signs certificates with. */
    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The {@link KeyUsage} bits a TLS end-entity certificate for a key of this type carries. */
    int endEntityKeyUsage() {
        return endEntityKeyUsage;
    }

    /** Whether this is one of the post-quantum ML-DSA levels. */
    boolean isMlDsa() {
        return mlDsaOid != null;
    }

    /** A fresh key pair from the given provider. */
    KeyPair generate(Provider provider) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(generatorName, provider);
        if (parameters != null) {
            generator.initialize(parameters);
        }
        return generator.generateKeyPair();
    }

    /**
     * Whether an existing public key is of exactly this type (algorithm and size, curve or level). ML-DSA keys are
     * matched by their OID: on JDK 17 a certificate's ML-DSA key is an opaque X.509 key.
     */
    boolean matches(PublicKey key) {
        return mlDsaOid != null
                && mlDsaOid.equals(SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm());
    }
}
