package io.pqws.jsse;

import java.net.InetAddress;
import java.net.ServerSocket;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * Require-hybrid mode's server socket factory: it reports the cipher suites of Bouncy Castle's factory but refuses to
 * create a server socket, because only {@link javax.net.ssl.SSLEngine} connections pass the ClientHello guard.
 * Refusing here, when a listener is created, is clearer than failing every handshake later
 * ({@link EngineOnlyKeyManager} still does that for any server-mode socket that slips through another way).
 */
final class RefusingServerSocketFactory extends SSLServerSocketFactory {

    static final String MESSAGE = PqwsJssePolicy.REQUIRE_HYBRID + "=true: SSLServerSocket listeners are refused because"
            + " only SSLEngine connections can be held to a hybrid post-quantum key exchange; use an SSLEngine-based"
            + " listener (Grizzly, Undertow) or run this listener without " + PqwsJssePolicy.REQUIRE_HYBRID;

    private final SSLServerSocketFactory delegate;

    RefusingServerSocketFactory(SSLServerSocketFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public ServerSocket createServerSocket() throws SSLException {
        throw new SSLException(MESSAGE);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws SSLException {
        throw new SSLException(MESSAGE);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws SSLException {
        throw new SSLException(MESSAGE);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws SSLException {
        throw new SSLException(MESSAGE);
    }
}
