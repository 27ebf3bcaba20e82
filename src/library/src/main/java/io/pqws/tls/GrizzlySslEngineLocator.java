package io.pqws.tls;

import static io.pqws.tls.ContainerReflection.call;
import static io.pqws.tls.ContainerReflection.unwrap;

import java.util.Optional;

import javax.net.ssl.SSLEngine;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Payara and GlassFish: their web container runs on Grizzly, which keeps the connection's {@link SSLEngine} as a
 * connection attribute that {@code org.glassfish.grizzly.ssl.SSLUtils.getSSLEngine(Connection)} returns.
 *
 * <p>The path, all public methods of public container classes, called reflectively so the WAR needs no container
 * jar: {@code RequestFacade#getUnwrappedCoyoteRequest()} → {@code connector.Request#getGrizzlyRequest()} on
 * GlassFish 7, {@code getCoyoteRequest()} on Payara (Grizzly's request either way; GlassFish renamed the accessor,
 * Payara kept the old name) → {@code getContext()} → {@code getConnection()} →
 * {@code SSLUtils.getSSLEngine(connection)}.
 */
public final class GrizzlySslEngineLocator implements SslEngineLocator {

    static final String REQUEST_FACADE = "org.apache.catalina.connector.RequestFacade";

    @Override
    public boolean supports(HttpServletRequest request) {
        return unwrap(request).getClass().getName().equals(REQUEST_FACADE);
    }

    @Override
    public Optional<SSLEngine> locate(HttpServletRequest request) throws ReflectiveOperationException {
        Object facade = unwrap(request);
        Object catalinaRequest = call(facade, "getUnwrappedCoyoteRequest");
        Object grizzlyRequest = grizzlyRequest(catalinaRequest);
        Object connection = call(call(grizzlyRequest, "getContext"), "getConnection");
        Class<?> connectionType = Class.forName("org.glassfish.grizzly.Connection", false,
                connection.getClass().getClassLoader());
        Class<?> sslUtils = Class.forName("org.glassfish.grizzly.ssl.SSLUtils", false,
                connection.getClass().getClassLoader());
        Object engine = sslUtils.getMethod("getSSLEngine", connectionType).invoke(null, connection);
        return Optional.ofNullable((SSLEngine) engine);
    }

    private static Object grizzlyRequest(Object catalinaRequest) throws ReflectiveOperationException {
        try {
            return call(catalinaRequest, "getGrizzlyRequest");
        } catch (NoSuchMethodException payara) {
            return call(catalinaRequest, "getCoyoteRequest");
        }
    }
}
