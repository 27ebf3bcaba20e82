package io.pqws.jsse;

import java.lang.ref.WeakReference;
import java.net.Socket;
import java.security.Principal;
import java.util.logging.Logger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
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
final class EngineOnlyKeyManager extends ForwardingKeyManager {

    private static final Logger LOG = Logger.getLogger(EngineOnlyKeyManager.class.getName());

    /** Bouncy Castle asks once per acceptable key type; warn once per socket. */
    private volatile WeakReference<Socket> lastRefused = new WeakReference<>(null);

    private EngineOnlyKeyManager(X509KeyManager delegate) {
        super(delegate);
    }

    /** Wraps the key managers' X509 key manager (the only one JSSE providers use); others pass unchanged. */
    static KeyManager[] wrap(KeyManager[] keyManagers) {
        if (keyManagers == null) {
            return null;
        }
        return wrapEach(keyManagers, EngineOnlyKeyManager.class, EngineOnlyKeyManager::new);
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
}
