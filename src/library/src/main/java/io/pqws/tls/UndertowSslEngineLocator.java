package io.pqws.tls;

import static io.pqws.tls.ContainerReflection.call;
import static io.pqws.tls.ContainerReflection.unwrap;

import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import jakarta.servlet.http.HttpServletRequest;

/**
 * WildFly: its web container is Undertow, whose TLS connection ({@code UndertowSslConnection}, an XNIO
 * {@code SslConnection}) holds the {@link SSLEngine}; the public {@code UndertowXnioSsl.getSslEngine(SslConnection)}
 * returns it.
 *
 * <p>The path, all public methods of public Undertow and XNIO classes, called reflectively so the WAR needs no
 * container jar: {@code HttpServletRequestImpl#getExchange()} → {@code HttpServerExchange#getConnection()} →
 * {@code AbstractServerConnection#getChannel()} (the connection's {@code StreamConnection}) →
 * {@code UndertowXnioSsl.getSslEngine(connection)}.
 *
 * <p>With HTTP/2 on (WildFly's default), Undertow wraps every TLS engine in its ALPN engine
 * ({@code ALPNLimitingSSLEngine}), which hides Bouncy Castle's engine but forwards {@code getSession()}, and an
 * HTTP/2 request's connection ({@code Http2ServerConnection}) has no channel to take the engine from. Its session is
 * public for every connection, though: {@code ServerConnection#getSslSession()}, which {@link #locateSession} returns;
 * the PQWS provider names each session's group in it ({@link TlsFactsResolver}).
 */
public final class UndertowSslEngineLocator implements SslEngineLocator {

    static final String REQUEST_IMPL = "io.undertow.servlet.spec.HttpServletRequestImpl";
    private static final String HTTP1_CONNECTION = "io.undertow.server.AbstractServerConnection";
    private static final String SSL_CONNECTION = "org.xnio.ssl.SslConnection";
    private static final String UNDERTOW_SSL = "io.undertow.protocols.ssl.UndertowXnioSsl";

    @Override
    public boolean supports(HttpServletRequest request) {
        return unwrap(request).getClass().getName().equals(REQUEST_IMPL);
    }

    @Override
    public Optional<SSLEngine> locate(HttpServletRequest request) throws ReflectiveOperationException {
        Object connection = connection(request);
        ClassLoader undertow = connection.getClass().getClassLoader();
        if (!Class.forName(HTTP1_CONNECTION, false, undertow).isInstance(connection)) {
            throw new ReflectiveOperationException("Undertow exposes no TLS engine for a "
                    + connection.getClass().getSimpleName() + " (HTTP/2) request, only its session");
        }
        Object channel = call(connection, "getChannel");
        Class<?> sslConnection = Class.forName(SSL_CONNECTION, false, channel.getClass().getClassLoader());
        if (!sslConnection.isInstance(channel)) {
            return Optional.empty();
        }
        Object engine = Class.forName(UNDERTOW_SSL, false, undertow).getMethod("getSslEngine", sslConnection)
                .invoke(null, channel);
        return Optional.ofNullable((SSLEngine) engine);
    }

    /** The connection's session, for HTTP/1.1 and HTTP/2 alike; empty for a plain connection. */
    @Override
    public Optional<SSLSession> locateSession(HttpServletRequest request) throws ReflectiveOperationException {
        Object connection = connection(request);
        return Optional.ofNullable((SSLSession) connection.getClass().getMethod("getSslSession").invoke(connection));
    }

    private static Object connection(HttpServletRequest request) throws ReflectiveOperationException {
        return call(call(unwrap(request), "getExchange"), "getConnection");
    }
}
