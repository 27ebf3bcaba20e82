package io.pqws.tls;

import static io.pqws.tls.ContainerReflection.call;
import static io.pqws.tls.ContainerReflection.unwrap;

import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Open Liberty: its web container reaches a connection's TLS <em>session</em> through public SPI, but never its
 * engine, so this locator finds the session only; the PQWS provider names each session's group in it
 * ({@link TlsFactsResolver}), which is all the WAR needs.
 *
 * <p>The path, public methods of public Liberty classes and interfaces, called reflectively so the WAR needs no
 * container jar: {@code SRTServletRequest#getIRequest()} → {@code IRequestImpl#getHttpInboundConnection()} →
 * {@code com.ibm.wsspi.http.HttpInboundConnection#getSSLContext()} (null on a plain connection) →
 * {@code com.ibm.wsspi.http.SSLContext#getSession()}. The engine itself sits in the private field
 * {@code SSLConnectionContextImpl.sslConnLink} of Liberty's channel framework, which this class does not open.
 * Checked against Open Liberty 26.0.0.3 by {@code OpenLibertyIT}.
 */
public final class OpenLibertySslSessionLocator implements SslEngineLocator {

    static final String REQUEST_IMPL = "com.ibm.ws.webcontainer.srt.SRTServletRequest";

    @Override
    public boolean supports(HttpServletRequest request) {
        for (Class<?> type = unwrap(request).getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(REQUEST_IMPL)) {
                return true;
            }
        }
        return false;
    }

    /** Always empty: Liberty lets no public API reach the engine (see the class comment). */
    @Override
    public Optional<SSLEngine> locate(HttpServletRequest request) {
        return Optional.empty();
    }

    /** The connection's session; empty for a plain connection. */
    @Override
    public Optional<SSLSession> locateSession(HttpServletRequest request) throws ReflectiveOperationException {
        Object connection = call(call(unwrap(request), "getIRequest"), "getHttpInboundConnection");
        Object tls = connection.getClass().getMethod("getSSLContext").invoke(connection);
        return tls == null ? Optional.empty() : Optional.ofNullable((SSLSession) call(tls, "getSession"));
    }
}
