package io.pqws.certs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says why files an earlier run wrote no longer fit the request, or nothing when they still do.
 *
 * <p>Why: the tool runs on every build and must rewrite nothing that is still good, yet it must never leave behind a
 * certificate that would fail a handshake: one about to expire, from another CA, with other names or another key
 * type, or a store that the requested password does not open. A file that cannot be parsed (Bouncy Castle reports
 * corrupt PEM and ASN.1 with {@code IllegalArgumentException} and {@code IllegalStateException}) is unusable, not an
 * error: it is written again.
 */
final class StaleCheck {

    /** A certificate ending within this margin is renewed now rather than failing someone's test run next month. */
    private static final Duration RENEWAL_MARGIN = Duration.ofDays(30);

    private final char[] password;
    private final Instant now;
    private final Provider provider;

    StaleCheck(char[] password, Instant now, Provider provider) {
        this.password = password;
        this.now = now;
        this.provider = provider;
    }

    /** Why the CA files cannot be used to issue more certificates, if they cannot. */
    Optional<String> caProblem(DevPkiFiles files) {
        return caProblem(files.caCertificate(), files.caKey(), KeyAlgorithm.EC_P256);
    }

    /** Why these CA files cannot be used to issue more certificates with a CA key of this type, if they cannot. */
    Optional<String> caProblem(Path certificateFile, Path keyFile, KeyAlgorithm key) {
        Optional<String> missing = missing(List.of(certificateFile, keyFile));
        if (missing.isPresent()) {
            return missing;
        }
        try {
            CertificateAuthority ca = CertificateAuthority.read(certificateFile, keyFile, provider);
            if (ca.algorithm() != key) {
                return Optional.of("CA key type is " + ca.algorithm().cliName() + ", not " + key.cliName());
            }
            return expiry(ca.certificate());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return Optional.of("unusable: " + Failures.describe(e));
        }
    }

    /** Why the end entity's files do not hold a certificate for its spec, issued by this CA, if they do not. */
    Optional<String> endEntityProblem(EndEntity entity, CertificateAuthority ca) {
        Optional<String> missing = missing(entity.files());
        if (missing.isPresent()) {
            return missing;
        }
        try {
            X509Certificate certificate = Pem.readCertificate(entity.certificate());
            Optional<String> problem = certificateProblem(certificate, entity.spec(), ca)
                    .or(() -> expiry(certificate));
            if (problem.isPresent()) {
                return problem;
            }
            Pem.readPrivateKey(entity.key(), provider);
            KeyStore store = Pkcs12.load(entity.store(), password);
            if (!store.isKeyEntry(entity.alias()) || !certificate.equals(store.getCertificate(entity.alias()))) {
                return Optional.of(entity.store().getFileName() + " does not hold this certificate under alias "
                        + entity.alias());
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return Optional.of("unreadable: " + Failures.describe(e));
        }
    }

    /** Why the trust store does not hold this CA under the alias, if it does not. */
    Optional<String> trustStoreProblem(Path file, String alias, X509Certificate ca) {
        return trustStoreProblem(file, Map.of(alias, ca));
    }

    /** Why the trust store does not hold each of these CAs under its alias, if it does not. */
    Optional<String> trustStoreProblem(Path file, Map<String, X509Certificate> cas) {
        Optional<String> missing = missing(List.of(file));
        if (missing.isPresent()) {
            return missing;
        }
        try {
            KeyStore store = Pkcs12.load(file, password);
            for (Map.Entry<String, X509Certificate> ca : cas.entrySet()) {
                if (!store.isCertificateEntry(ca.getKey()) || !ca.getValue().equals(store.getCertificate(ca.getKey()))) {
                    return Optional.of("does not hold the current CA under alias " + ca.getKey());
                }
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return Optional.of("unreadable: " + Failures.describe(e));
        }
    }

    /** Why the key store does not hold exactly these certificates, each as a key entry under its alias. */
    Optional<String> keyStoreProblem(Path file, Map<String, X509Certificate> certificates) {
        Optional<String> missing = missing(List.of(file));
        if (missing.isPresent()) {
            return missing;
        }
        try {
            KeyStore store = Pkcs12.load(file, password);
            for (Map.Entry<String, X509Certificate> entry : certificates.entrySet()) {
                if (!store.isKeyEntry(entry.getKey()) || !entry.getValue().equals(store.getCertificate(entry.getKey()))) {
                    return Optional.of("does not hold the current certificate under alias " + entry.getKey());
                }
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return Optional.of("unreadable: " + Failures.describe(e));
        }
    }

    private Optional<String> certificateProblem(X509Certificate certificate, CertificateSpec spec,
            CertificateAuthority ca) throws GeneralSecurityException {
        if (!ca.signed(certificate)) {
            return Optional.of("not issued by the current CA");
        }
        if (!spec.subject().equals(certificate.getSubjectX500Principal())) {
            return Optional.of("subject is " + certificate.getSubjectX500Principal() + ", not " + spec.subject());
        }
        PublicKey key = certificate.getPublicKey();
        if (!spec.key().matches(key)) {
            String actual = KeyAlgorithm.of(key).map(KeyAlgorithm::cliName).orElse(key.getAlgorithm());
            return Optional.of("key type is " + actual + ", not " + spec.key().cliName());
        }
        List<String> purposes = certificate.getExtendedKeyUsage();
        if (purposes == null || !purposes.contains(spec.purpose().toOID().getId())) {
            return Optional.of("extended key usage lacks " + spec.purpose().toOID().getId());
        }
        Set<SubjectAltName> names = SubjectAltName.of(certificate);
        if (!names.equals(spec.names())) {
            return Optional.of("names are " + names + ", not " + spec.names());
        }
        return Optional.empty();
    }

    private Optional<String> expiry(X509Certificate certificate) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        return notAfter.isBefore(now.plus(RENEWAL_MARGIN))
                ? Optional.of("expires " + notAfter + ", within " + RENEWAL_MARGIN.toDays() + " days")
                : Optional.empty();
    }

    private static Optional<String> missing(List<Path> files) {
        return files.stream().filter(f -> !Files.exists(f)).findFirst().map(f -> f.getFileName() + " is missing");
    }
}
