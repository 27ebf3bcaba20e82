package io.pqws.jsse;

import java.lang.ref.WeakReference;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Require-hybrid mode's answer to server-side {@code SSLSocket}s: no server credentials.
 *
 * <p>The ClientHello guard wraps {@link SSLEngine}s only. A server-mode socket can still appear: from the server
 * socket factory (which containers such as Payara use to check their configuration), from a layered
 * {@code createSocket(Socket, InputStream, boolean)}, or from a client socket switched with
 * {@code setUseClientMode(false)}. Each of them asks the key manager for a server key with a {@link Socket} argument;
 * this key manager answers none, so Bouncy Castle aborts that handshake with a fatal alert. Everything else,
 * including the engine path and client authentication, is delegated unchanged. It is a plain JDK key manager on
 * purpose: BCJSSE then imports it with its own validation, exactly as it would import the wrapped one.
 */
final class EngineOnlyKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOG = Logger.getLogger(EngineOnlyKeyManager.class.getName());

    private final X509KeyManager delegate;
    /** Bouncy Castle asks once per acceptable key type; warn once per socket. */
    private volatile WeakReference<Socket> lastRefused = new WeakReference<>(null);

    private EngineOnlyKeyManager(X509KeyManager delegate) {
        this.delegate = delegate;
    }

    /** Wraps the key managers' X509 key manager (the only one JSSE providers use); others pass unchanged. */
    static KeyManager[] wrap(KeyManager[] keyManagers) {
        if (keyManagers == null) {
            return null;
        }
        KeyManager[] wrapped = keyManagers.clone();
        for (int i = 0; i < wrapped.length; i++) {
            if (wrapped[i] instanceof X509KeyManager && !(wrapped[i] instanceof EngineOnlyKeyManager)) {
                wrapped[i] = new EngineOnlyKeyManager((X509KeyManager) wrapped[i]);
            }
        }
        return wrapped;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        if (socket != null && lastRefused.get() == socket) {
            return null;
        }
        lastRefused = new WeakReference<>(socket);
        LOG.warning(PqwsJssePolicy.REQUIRE_HYBRID + "=true: refusing server credentials to a TLS server socket ("
                + (socket == null ? "unknown" : socket.getRemoteSocketAddress()) + "); only SSLEngine connections can be"
                + " held to a hybrid post-quantum key exchange");
        return null;
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

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
