package io.pqws.certs;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * Turns a public key taken from a JDK certificate into one the Bouncy Castle provider can verify with.
 *
 * <p>Why: on JDK 17 the JDK knows no ML-DSA, so an ML-DSA certificate's {@code getPublicKey()} is an opaque X.509 key
 * that Bouncy Castle's ML-DSA signature does not take. Re-reading its encoding through the provider's own key factory
 * yields Bouncy Castle's key; a key the JDK understands is returned as it is.
 */
final class Keys {

    private Keys() {
    }

    static PublicKey usable(PublicKey key, Provider provider) throws GeneralSecurityException {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (algorithm.isMlDsa() && algorithm.matches(key)) {
                return KeyFactory.getInstance("ML-DSA", provider).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            }
        }
        return key;
    }
}
