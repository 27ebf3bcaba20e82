package io.pqws.tls.bc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Recovers the key-exchange group a Bouncy Castle JSSE connection actually negotiated.
 *
 * <p>Why this class exists: JSSE has no API for the negotiated named group before JDK 27, and BCJSSE 1.84 keeps it
 * in {@code SecurityParameters#getNegotiatedGroup()} of the connection's {@code TlsContext}, which only its
 * package-private {@code ProvSSLConnection#getTlsContext()} reaches. This is the <em>only</em> class of the project
 * that depends on BC internals; {@code BcNegotiatedGroupReaderTest} fails loudly if an upgrade moves them.
 *
 * <p>It uses reflection only, so it can live in the WAR without a compile-time BC dependency and simply reports
 * "not readable" on a container that runs SunJSSE. On a JVM where BC sits on the module path the package must be
 * opened: {@code --add-opens org.bouncycastle.tls/org.bouncycastle.jsse.provider=ALL-UNNAMED} (the PQ profiles'
 * JVM options do that).
 *
 * <p>The path, from a {@code BCSSLEngine} or {@code BCSSLSocket}:
 * {@code getConnection()} (public BC API) → {@code ProvSSLConnection#getTlsContext()} (internal) →
 * {@code TlsContext#getSecurityParametersConnection()} → {@code SecurityParameters#getNegotiatedGroup()} (public).
 */
public final class BcNegotiatedGroupReader {

    private static final String BC_SSL_ENGINE = "org.bouncycastle.jsse.BCSSLEngine";
    private static final String BC_SSL_SOCKET = "org.bouncycastle.jsse.BCSSLSocket";

    private BcNegotiatedGroupReader() {
    }

    /**
     * The IANA code point of the group negotiated on this connection.
     *
     * @param engineOrSocket an {@code SSLEngine} or {@code SSLSocket} whose handshake has completed
     * @return the group, or empty when the connection is not a BCJSSE one or no group was negotiated
     *         (for example a TLS 1.2 RSA key exchange, or a resumed TLS 1.2 session)
     * @throws BcInternalsUnavailableException when it is a BCJSSE connection but BC's internals are not where
     *         this class expects them (an incompatible BC upgrade) or are not opened to us
     */
    public static Optional<Integer> negotiatedGroup(Object engineOrSocket) {
        if (!isBcConnection(engineOrSocket)) {
            return Optional.empty();
        }
        try {
            Object connection = publicMethod(engineOrSocket, "getConnection").invoke(engineOrSocket);
            if (connection == null) {
                return Optional.empty(); // handshake not completed
            }
            Method getTlsContext = findMethod(connection.getClass(), "getTlsContext");
            getTlsContext.setAccessible(true);
            Object tlsContext = getTlsContext.invoke(connection);
            Object securityParameters = publicMethod(tlsContext, "getSecurityParametersConnection").invoke(tlsContext);
            if (securityParameters == null) {
                return Optional.empty();
            }
            int group = (Integer) publicMethod(securityParameters, "getNegotiatedGroup").invoke(securityParameters);
            return group < 0 ? Optional.empty() : Optional.of(group);
        } catch (NoSuchMethodException | IllegalAccessException | RuntimeException e) {
            throw new BcInternalsUnavailableException(
                    "cannot read the negotiated group from " + engineOrSocket.getClass().getName() + ": " + e, e);
        } catch (InvocationTargetException e) {
            throw new BcInternalsUnavailableException(
                    "BC failed to report the negotiated group: " + e.getCause(), e.getCause());
        }
    }

    /** Whether this is a BCJSSE engine or socket (or a wrapper that exposes BC's connection API). */
    public static boolean isBcConnection(Object candidate) {
        if (candidate == null) {
            return false;
        }
        for (Class<?> type = candidate.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> iface : type.getInterfaces()) {
                if (iface.getName().equals(BC_SSL_ENGINE) || iface.getName().equals(BC_SSL_SOCKET)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "#" + name + "()");
    }

    /** A public method looked up through the public interfaces of the object, so no access checks get in the way. */
    private static Method publicMethod(Object target, String name) throws NoSuchMethodException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> iface : c.getInterfaces()) {
                try {
                    return iface.getMethod(name);
                } catch (NoSuchMethodException notHere) {
                    // keep looking
                }
            }
        }
        return target.getClass().getMethod(name);
    }
}
