package io.pqws.certs;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What one end-entity certificate must say: its subject, key type, TLS purpose and names.
 *
 * <p>Why a value of its own: the same description is used twice, to issue a certificate and to decide whether one
 * already on disk still fits the request, so the two can never disagree.
 */
record CertificateSpec(X500Principal subject, KeyAlgorithm key, KeyPurposeId purpose, Set<SubjectAltName> names) {

    /** Client names become file names and a CN, so they are kept to characters that are safe in both. */
    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    CertificateSpec {
        names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** The server certificate: {@code CN=localhost}, serverAuth, the loopback names plus the requested ones. */
    static CertificateSpec server(KeyAlgorithm key, Set<SubjectAltName> names) {
        return new CertificateSpec(new X500Principal("CN=localhost, O=pqws dev"), key, KeyPurposeId.id_kp_serverAuth,
                names);
    }

    /**
     * A mutual-TLS client certificate {@code CN=<name>, O=pqws dev}: clientAuth, ECDSA P-256, no subjectAltName.
     *
     * @throws IllegalArgumentException if the name is not 1 to 64 letters, digits, '.', '_' or '-'
     */
    static CertificateSpec client(String name) {
        if (!CLIENT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid client name '" + name
                    + "': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return new CertificateSpec(new X500Principal("CN=" + name + ", O=pqws dev"), KeyAlgorithm.EC_P256,
                KeyPurposeId.id_kp_clientAuth, Set.of());
    }
}
