package io.pqws.client;

import java.security.GeneralSecurityException;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Builds the client's {@link SSLContext} on a private Bouncy Castle JSSE provider instance.
 *
 * <p>Why a private instance: on JDK 17 ML-KEM exists only in BC's JCA provider, so BCJSSE must be built on it; and a
 * client library must not change the JVM's provider list ({@code Security.addProvider}) under the application that
 * embeds it. Key and trust managers come from the same instance because BCJSSE expects its own "PKIX" ones.
 */
final class BcTls {

    private BcTls() {
    }

    /** Built once: creating BC providers is costly and the instance holds no per-connection state. */
    private static final class Holder {
        static final Provider JSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    }

    static Provider provider() {
        return Holder.JSSE;
    }

    /** A client context trusting the settings' trust store (or the JDK default) and presenting its certificate. */
    static SSLContext clientContext(ClientTlsSettings settings) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX", provider());
        trust.init(settings.trustStore()); // null selects the default trust store
        KeyManager[] keys = null;
        ClientTlsSettings.ClientCertificate certificate = settings.clientCertificate();
        if (certificate != null) {
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", provider());
            factory.init(certificate.keyStore(), certificate.password());
            keys = factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS", provider());
        context.init(keys, trust.getTrustManagers(), null);
        return context;
    }
}
