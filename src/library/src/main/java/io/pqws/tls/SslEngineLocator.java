package io.pqws.tls;

import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the {@link SSLEngine} of the connection an HTTP request arrived on.
 *
 * <p>Why an interface: the Servlet API exposes a request's cipher suite and client certificate but not its TLS
 * engine, so reaching it is container-specific. Each container gets one small implementation here, and an
 * in-container test fails if a container upgrade breaks it.
 */
public interface SslEngineLocator {

    /** Whether this locator understands requests of the running container. */
    boolean supports(HttpServletRequest request);

    /** The engine of the request's connection, empty for a plain connection. */
    Optional<SSLEngine> locate(HttpServletRequest request) throws ReflectiveOperationException;

    /**
     * The TLS session of the request's connection, empty for a plain connection: the located engine's by default.
     * A container that keeps the engine out of reach for some connections (Undertow for HTTP/2) overrides this with
     * its own public way to the session, which is enough where the PQWS provider named the group in it.
     */
    default Optional<SSLSession> locateSession(HttpServletRequest request) throws ReflectiveOperationException {
        return locate(request).map(SSLEngine::getSession);
    }
}
