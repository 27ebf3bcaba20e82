package io.pqws.jsse;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Hands BCJSSE the server's EC private key as a Bouncy Castle key object, translated once per alias; everything else
 * is the wrapped key manager's.
 *
 * <p>Why: the container reads its key store with the JDK, so the key is a SunEC object. The PQ profiles have
 * Bouncy Castle sign (it is several times faster than JDK 17's SunEC), but BC converts a foreign key on every
 * signature and recomputes its fixed-point table for it, which took a quarter of the server's handshake CPU; with
 * its own key object it signs about three times faster again (BENCHMARKS.md, "pubkey" case). The key itself does
 * not change, only its in-memory representation; a key BC cannot translate is passed on unchanged.
 */
final class BcNativeKeyManager extends ForwardingKeyManager {

    private static final Logger LOG = Logger.getLogger(BcNativeKeyManager.class.getName());
    /** Bouncy Castle's own key objects need no translation. */
    private static final String BC_PACKAGE = "org.bouncycastle.";

    private final Provider bouncyCastle;
    private final Map<String, PrivateKey> translated = new ConcurrentHashMap<>();

    private BcNativeKeyManager(X509KeyManager delegate, Provider bouncyCastle) {
        super(delegate);
        this.bouncyCastle = bouncyCastle;
    }

    /**
     * Wraps the X509 key managers; with no Bouncy Castle provider (it is installed by every PQ profile) the managers
     * are returned unchanged.
     */
    static KeyManager[] wrap(KeyManager[] keyManagers, Provider bouncyCastle) {
        if (keyManagers == null || bouncyCastle == null) {
            return keyManagers;
        }
        return wrapEach(keyManagers, BcNativeKeyManager.class, x509 -> new BcNativeKeyManager(x509, bouncyCastle));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PrivateKey key = super.getPrivateKey(alias);
        if (key == null || !"EC".equals(key.getAlgorithm()) || key.getClass().getName().startsWith(BC_PACKAGE)) {
            return key;
        }
        return translated.computeIfAbsent(alias, a -> translate(key));
    }

    private PrivateKey translate(PrivateKey key) {
        try {
            return (PrivateKey) KeyFactory.getInstance("EC", bouncyCastle).translateKey(key);
        } catch (GeneralSecurityException | ClassCastException e) {
            LOG.log(Level.WARNING, "cannot give Bouncy Castle its own copy of the server key ({0}); signing with the "
                    + "key as it is, which is slower", e.toString());
            return key;
        }
    }
}
