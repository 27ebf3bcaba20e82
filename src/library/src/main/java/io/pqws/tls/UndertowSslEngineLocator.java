package io.pqws.tls;

import static io.pqws.tls.ContainerReflection.call;
import static io.pqws.tls.ContainerReflection.unwrap;

import java.util.Optional;

import javax.net.ssl.SSLEngine;

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
 * <p>HTTP/2 is the exception: with it enabled, Undertow wraps every TLS engine in its ALPN engine and keeps the
 * connection of an HTTP/2 stream behind non-public methods, so {@link #locate} says so instead of reaching past the
 * public API. {@code server-config/wildfly/configure-pq.cli} therefore serves the PQ listener over HTTP/1.1, the
 * protocol of every WebSocket upgrade anyway.
 */
public final class UndertowSslEngineLocator implements SslEngineLocator {

    static final String REQUEST_IMPL = "io.undertow.servlet.spec.HttpServletRequestImpl";
    private static final String HTTP1_CONNECTION = "io.undertow.server.AbstractServerConnection";
    private static final String SSL_CONNECTION = "org.xnio.ssl.SslConnection";
    private static final String UNDERTOW_SSL = "io.undertow.protocols.ssl.UndertowXnioSsl";
    private static final String ALPN_WRAPPER = "io.undertow.server.protocol.http.ALPNLimitingSSLEngine";

    @Override
    public boolean supports(HttpServletRequest request) {
        return unwrap(request).getClass().getName().equals(REQUEST_IMPL);
    }

    @Override
    public Optional<SSLEngine> locate(HttpServletRequest request) throws ReflectiveOperationException {
        Object exchange = call(unwrap(request), "getExchange");
        Object connection = call(exchange, "getConnection");
        ClassLoader undertow = connection.getClass().getClassLoader();
        if (!Class.forName(HTTP1_CONNECTION, false, undertow).isInstance(connection)) {
            throw new ReflectiveOperationException("Undertow exposes no TLS engine for a "
                    + connection.getClass().getSimpleName() + " (HTTP/2) request; WebSocket upgrades use HTTP/1.1");
        }
        Object channel = call(connection, "getChannel");
        Class<?> sslConnection = Class.forName(SSL_CONNECTION, false, channel.getClass().getClassLoader());
        if (!sslConnection.isInstance(channel)) {
            return Optional.empty();
        }
        Object engine = Class.forName(UNDERTOW_SSL, false, undertow).getMethod("getSslEngine", sslConnection)
                .invoke(null, channel);
        if (engine != null && engine.getClass().getName().equals(ALPN_WRAPPER)) {
            throw new ReflectiveOperationException("Undertow's HTTP/2 (ALPN) engine hides the TLS engine of this "
                    + "connection; turn HTTP/2 off on the https listener (server-config/wildfly/configure-pq.cli does)");
        }
        return Optional.ofNullable((SSLEngine) engine);
    }
}
