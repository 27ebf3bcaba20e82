package io.pqws.client;

import java.security.SecureRandom;
import java.util.function.UnaryOperator;

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
 * An {@link SSLContext} that hands every engine it creates to a configurer before anyone else sees it.
 *
 * <p>Why: Tyrus' Grizzly client container (the one in {@code tyrus-standalone-client}) does not call
 * {@code SslEngineConfigurator#createSSLEngine}; it takes {@code getSslContext()} and lets Grizzly create the engine
 * from it. Engine creation is therefore the only hook that reaches every client engine, whichever Tyrus container is
 * in use, to apply per-engine Bouncy Castle parameters and to keep the engine for reading the handshake afterwards.
 *
 * <p>The default parameters pass through a second configurer because Grizzly's {@code SSLEngineConfigurator} copies
 * {@code getDefaultSSLParameters()} once and sets them on every engine it creates, after our engine configurer ran:
 * whatever standard parameter (such as the cipher-suite order) must hold has to be in the defaults too.
 */
final class EngineConfiguringSslContext extends SSLContext {

    EngineConfiguringSslContext(SSLContext delegate, UnaryOperator<SSLEngine> configurer,
            UnaryOperator<SSLParameters> defaults) {
        super(new Spi(delegate, configurer, defaults), delegate.getProvider(), delegate.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final UnaryOperator<SSLEngine> configurer;
        private final UnaryOperator<SSLParameters> defaults;

        Spi(SSLContext delegate, UnaryOperator<SSLEngine> configurer, UnaryOperator<SSLParameters> defaults) {
            this.delegate = delegate;
            this.configurer = configurer;
            this.defaults = defaults;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
            throw new UnsupportedOperationException("already initialised; configure the delegate context instead");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return configurer.apply(delegate.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return configurer.apply(delegate.createSSLEngine(host, port));
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException("this context configures SSLEngines only");
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("this context configures client SSLEngines only");
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return defaults.apply(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }
}
