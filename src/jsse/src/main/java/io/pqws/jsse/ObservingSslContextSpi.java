package io.pqws.jsse;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.ProviderException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The {@code observe} mode's SSLContext ({@code pqws.tls.mode=observe}): the JDK's own SunJSSE SSLContext of the
 * same algorithm, whose engines are {@link ObservingSslEngine}s. Nothing else is changed: key and trust managers,
 * session contexts, socket factories and parameters are SunJSSE's, and so are the groups
 * ({@code jdk.tls.namedGroups} or the JDK's defaults), protocols, cipher suites and signature schemes.
 *
 * <p>Why SunJSSE and not BCJSSE with classic groups: the profile answers "who already offers a hybrid group?" on the
 * production server as it runs today, before any trial; swapping the TLS stack for that would change what is being
 * measured, and would ask an operator to trust Bouncy Castle before deciding to. Why SunJSSE by name: a JDK
 * provider found by order could be another one; there is no fallback, as in policy mode. Server sockets are not
 * observed (they cannot be seen into, as in policy mode); they work unchanged.
 */
final class ObservingSslContextSpi extends SSLContextSpi {

    static final String SUN_JSSE = "SunJSSE";

    private final SSLContext sun;

    /** @throws ProviderException (never {@link NoSuchAlgorithmException}, see PqwsSslContextSpi) without SunJSSE */
    ObservingSslContextSpi(String algorithm) {
        try {
            this.sun = SSLContext.getInstance(algorithm, SUN_JSSE);
        } catch (NoSuchProviderException e) {
            throw new ProviderException("PQWS in observe mode delegates to the JDK's " + SUN_JSSE + " provider, which"
                    + " is not installed (java.security must keep security.provider.N=" + SUN_JSSE + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new ProviderException("PQWS: provider " + SUN_JSSE + " offers no SSLContext." + algorithm, e);
        }
    }

    @Override
    protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
            throws KeyManagementException {
        sun.init(keyManagers, trustManagers, random);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return observed(sun.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return observed(sun.createSSLEngine(host, port));
    }

    private static SSLEngine observed(SSLEngine engine) {
        return new ObservingSslEngine(engine, HandshakeFailures.jvmWide(),
                new HandshakeObserver(null, ServerHandshakes.jvmWide(), ClientFingerprints.jvmWide()));
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return sun.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return sun.getServerSocketFactory();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return sun.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return sun.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return sun.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return sun.getSupportedSSLParameters();
    }
}
