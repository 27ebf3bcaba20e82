package io.pqws.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate chain, leaf first and the CA last: what a TLS key manager presents.
 *
 * <p>Why: a freshly issued key and its certificate travel together to every file that holds them (PKCS#12 and PEM).
 */
record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

    Credential {
        chain = List.copyOf(chain);
    }

    X509Certificate certificate() {
        return chain.get(0);
    }
}
