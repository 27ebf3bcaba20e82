package io.pqws.jsse;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
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
final class BcNativeKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOG = Logger.getLogger(BcNativeKeyManager.class.getName());
    /** Bouncy Castle's own key objects need no translation. */
    private static final String BC_PACKAGE = "org.bouncycastle.";

    private final X509KeyManager delegate;
    private final Provider bouncyCastle;
    private final Map<String, PrivateKey> translated = new ConcurrentHashMap<>();

    private BcNativeKeyManager(X509KeyManager delegate, Provider bouncyCastle) {
        this.delegate = delegate;
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
        KeyManager[] wrapped = keyManagers.clone();
        for (int i = 0; i < wrapped.length; i++) {
            if (wrapped[i] instanceof X509KeyManager && !(wrapped[i] instanceof BcNativeKeyManager)) {
                wrapped[i] = new BcNativeKeyManager((X509KeyManager) wrapped[i], bouncyCastle);
            }
        }
        return wrapped;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PrivateKey key = delegate.getPrivateKey(alias);
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

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        if (delegate instanceof X509ExtendedKeyManager) {
            return ((X509ExtendedKeyManager) delegate).chooseEngineServerAlias(keyType, issuers, engine);
        }
        return delegate.chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        if (delegate instanceof X509ExtendedKeyManager) {
            return ((X509ExtendedKeyManager) delegate).chooseEngineClientAlias(keyTypes, issuers, engine);
        }
        return delegate.chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(keyTypes, issuers, socket);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }
}
