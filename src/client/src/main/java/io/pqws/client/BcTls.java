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
import java.util.Arrays;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Builds the client's {@link SSLContext} on a private Bouncy Castle JSSE provider instance, and applies
 * {@link ClientTlsSettings} to one connection's BCJSSE parameters.
 *
 * <p>Why a private instance: on JDK 17 ML-KEM exists only in BC's JCA provider, so BCJSSE must be built on it; and a
 * client library must not change the JVM's provider list ({@code Security.addProvider}) under the application that
 * embeds it. Key and trust managers come from the same instance because BCJSSE expects its own "PKIX" ones.
 *
 * <p>Public for the benchmarks ({@code io.pqws.bench}), which must drive exactly the TLS the client uses.
 */
public final class BcTls {

    /** TLS 1.3 is the only version with hybrid groups; a hybrid-only client does not offer TLS 1.2 at all. */
    private static final String[] TLS13_ONLY = {"TLSv1.3"};

    private BcTls() {
    }

    /**
     * Built once: creating BC providers is costly and the instance holds no per-connection state. Ciphers, MACs and
     * digests come from the JDK, the rest from BC ({@link JdkSymmetricCryptoProvider}).
     */
    private static final class Holder {
        static final Provider JCE = new BouncyCastleProvider();
        static final Provider JSSE = new BouncyCastleJsseProvider(false, new JdkSymmetricCryptoProvider(JCE));
    }

    /** The BCJSSE instance every client context comes from. */
    public static Provider provider() {
        return Holder.JSSE;
    }

    /** A client context trusting the settings' trust store (or the JDK default) and presenting its certificate. */
    public static SSLContext clientContext(ClientTlsSettings settings) throws GeneralSecurityException {
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
     * A client context whose every engine already carries the settings (groups, key shares, hostname check) when
     * the caller first sees it, for clients that create engines themselves, such as the JDK's {@code HttpClient}
     * WebSocket the load tools use ({@code io.pqws.load}).
     *
     * <p>Why engine creation: such clients take only an {@link SSLContext}, and then set JDK {@link SSLParameters}
     * on the engine, which carry no named groups on JDK 17; the Bouncy Castle parameters set here survive that.
     */
    public static SSLContext engineConfiguringContext(ClientTlsSettings settings) throws GeneralSecurityException {
        return new EngineConfiguringSslContext(clientContext(settings), engine -> {
            BCSSLEngine bc = (BCSSLEngine) engine;
            BCSSLParameters parameters = bc.getParameters();
            configure(parameters, settings);
            bc.setParameters(parameters);
            return engine;
        }, BcTls::aesGcmFirst);
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

    /**
     * Applies the settings to one connection's parameters: named groups, early key shares, endpoint identification,
     * TLS 1.3 only under a hybrid-only policy, and AES-GCM before ChaCha20 ({@link #aesGcmFirst}). Per connection,
     * because {@code jdk.tls.namedGroups} and {@code org.bouncycastle.jsse.client.earlyKeyShares} are JVM-wide.
     */
    public static void configure(BCSSLParameters parameters, ClientTlsSettings settings) {
        parameters.setCipherSuites(aesGcmFirst(parameters.getCipherSuites()));
        parameters.setNamedGroups(settings.namedGroups().toArray(String[]::new));
        if (!settings.earlyKeyShares().isEmpty()) {
            parameters.setEarlyKeyShares(settings.earlyKeyShares().toArray(String[]::new));
        }
        parameters.setEndpointIdentificationAlgorithm(settings.hostnameVerification() ? "HTTPS" : null);
        if (settings.requireHybrid()) {
            parameters.setProtocols(TLS13_ONLY);
        }
    }

    /**
     * The same cipher suites with every ChaCha20-Poly1305 suite moved behind the others, order otherwise kept.
     *
     * <p>Why: BCJSSE lists ChaCha20 first, and a server that follows the client's order (BCJSSE does by default)
     * then picks it. On the JVM, AES-GCM runs on the CPU's AES and carry-less multiply instructions (HotSpot
     * intrinsics) and is several times faster than ChaCha20-Poly1305 (see BENCHMARKS.md); browsers with AES hardware
     * also put AES-GCM first.
     */
    static String[] aesGcmFirst(String[] suites) {
        return reorder(suites);
    }

    /** The same parameters with {@link #aesGcmFirst(String[])} applied to their cipher suites. */
    static SSLParameters aesGcmFirst(SSLParameters parameters) {
        parameters.setCipherSuites(reorder(parameters.getCipherSuites()));
        return parameters;
    }

    private static String[] reorder(String[] suites) {
        return Stream.concat(Arrays.stream(suites).filter(suite -> !suite.contains("CHACHA20")),
                Arrays.stream(suites).filter(suite -> suite.contains("CHACHA20"))).toArray(String[]::new);
    }
}
