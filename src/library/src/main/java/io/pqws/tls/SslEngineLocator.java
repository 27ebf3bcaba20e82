package io.pqws.tls;

import java.util.Optional;

import javax.net.ssl.SSLEngine;

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
}
