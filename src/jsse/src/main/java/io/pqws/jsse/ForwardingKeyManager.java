package io.pqws.jsse;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Function;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * An {@link X509ExtendedKeyManager} that answers every question with the wrapped key manager's answer; subclasses
 * override the one they change.
 *
 * <p>Why: the provider wraps the container's key manager twice over (Bouncy Castle key objects, engine-only
 * credentials), and each wrapper must pass on the engine-path questions exactly as BCJSSE would ask the wrapped one,
 * falling back to the socket-less forms for a plain {@link X509KeyManager}.
 */
abstract class ForwardingKeyManager extends X509ExtendedKeyManager {

    private final X509KeyManager delegate;

    ForwardingKeyManager(X509KeyManager delegate) {
        this.delegate = delegate;
    }

    /**
     * The key managers with each X509 key manager (the only kind JSSE providers use) wrapped once; a manager that
     * already is of the wrapper's type, and managers of other kinds, pass unchanged.
     */
    static KeyManager[] wrapEach(KeyManager[] keyManagers, Class<? extends ForwardingKeyManager> wrapperType,
            Function<X509KeyManager, ? extends ForwardingKeyManager> wrapper) {
        KeyManager[] wrapped = keyManagers.clone();
        for (int i = 0; i < wrapped.length; i++) {
            if (wrapped[i] instanceof X509KeyManager x509 && !wrapperType.isInstance(x509)) {
                wrapped[i] = wrapper.apply(x509);
            }
        }
        return wrapped;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        if (delegate instanceof X509ExtendedKeyManager extended) {
            return extended.chooseEngineServerAlias(keyType, issuers, engine);
        }
        return delegate.chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        if (delegate instanceof X509ExtendedKeyManager extended) {
            return extended.chooseEngineClientAlias(keyTypes, issuers, engine);
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

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
