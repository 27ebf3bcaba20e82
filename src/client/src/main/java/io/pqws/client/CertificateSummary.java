package io.pqws.client;

import java.security.cert.X509Certificate;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * One certificate of a server's chain as a probe reports it: subject, public key type and the algorithm its issuer
 * signed it with.
 *
 * <p>Why names of our own: on JDK 17 the JDK knows no ML-DSA, so {@code getSigAlgName()} of an ML-DSA certificate is a
 * bare OID; the operator wants {@code ML-DSA-65}. Keys and signatures are named from their OIDs (RFC 5480, FIPS 204
 * OIDs from NIST's registry), everything else falls back to the JDK's name.
 *
 * @param subject            the subject DN
 * @param publicKey          e.g. {@code EC P-256}, {@code RSA 3072}, {@code ML-DSA-65}
 * @param signatureAlgorithm e.g. {@code SHA256withECDSA}, {@code ML-DSA-65}
 */
public record CertificateSummary(String subject, String publicKey, String signatureAlgorithm) {

    private static final Map<String, String> ML_DSA = Map.of(
            "2.16.840.1.101.3.4.3.17", "ML-DSA-44",
            "2.16.840.1.101.3.4.3.18", "ML-DSA-65",
            "2.16.840.1.101.3.4.3.19", "ML-DSA-87");
    private static final Map<String, String> CURVES = Map.of(
            "1.2.840.10045.3.1.7", "P-256", "1.3.132.0.34", "P-384", "1.3.132.0.35", "P-521");
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    public static CertificateSummary of(X509Certificate certificate) {
        String signature = ML_DSA.getOrDefault(certificate.getSigAlgOID(), certificate.getSigAlgName());
        return new CertificateSummary(certificate.getSubjectX500Principal().getName(), publicKey(certificate),
                signature);
    }

    /** Whether this certificate's key and signature are both ML-DSA: the chain is post-quantum at this link. */
    public boolean postQuantum() {
        return publicKey.startsWith("ML-DSA") && signatureAlgorithm.startsWith("ML-DSA");
    }

    private static String publicKey(X509Certificate certificate) {
        AlgorithmIdentifier algorithm = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())
                .getAlgorithm();
        String oid = algorithm.getAlgorithm().getId();
        if (ML_DSA.containsKey(oid)) {
            return ML_DSA.get(oid);
        }
        if (EC_PUBLIC_KEY.equals(oid) && algorithm.getParameters() instanceof ASN1ObjectIdentifier curve) {
            return "EC " + CURVES.getOrDefault(curve.getId(), curve.getId());
        }
        if (certificate.getPublicKey() instanceof java.security.interfaces.RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        return certificate.getPublicKey().getAlgorithm();
    }
}
