package io.pqws.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collections;

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
        static final Provider JCE = new BouncyCastleProvider();
        static final Provider JSSE = new BouncyCastleJsseProvider(JCE);
    }

    static Provider provider() {
        return Holder.JSSE;
    }

    /** A client context trusting the settings' trust store (or the JDK default) and presenting its certificate. */
    static SSLContext clientContext(ClientTlsSettings settings) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX", provider());
        trust.init(withBcCertificates(settings.trustStore())); // null selects the default trust store
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

    /**
     * The trust store's anchors as Bouncy Castle certificates, in a new in-memory store.
     *
     * <p>Why: a store read with the JDK's {@code KeyStore} holds the JDK's certificate objects, and on JDK 17 the key of
     * an ML-DSA CA certificate is then an opaque X.509 key that Bouncy Castle's path validation cannot verify with
     * ("No issuer certificate for certificate in certification path found"). Re-parsed by Bouncy Castle, the anchor
     * carries a key Bouncy Castle can use; classic anchors work either way.
     *
     * @return {@code null} for {@code null} (the JDK's default trust, which holds no ML-DSA anchor)
     */
    static KeyStore withBcCertificates(KeyStore trustStore) throws GeneralSecurityException {
        if (trustStore == null) {
            return null;
        }
        CertificateFactory bcCertificates = CertificateFactory.getInstance("X.509", Holder.JCE);
        KeyStore converted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            converted.load(null, null);
        } catch (IOException e) {
            throw new KeyStoreException("cannot create an empty key store", e);
        }
        for (String alias : Collections.list(trustStore.aliases())) {
            if (trustStore.isCertificateEntry(alias)) {
                Certificate anchor = trustStore.getCertificate(alias);
                converted.setCertificateEntry(alias,
                        bcCertificates.generateCertificate(new ByteArrayInputStream(anchor.getEncoded())));
            }
        }
        return converted;
    }
}
