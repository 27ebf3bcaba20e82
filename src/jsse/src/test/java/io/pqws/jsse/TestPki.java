package io.pqws.jsse;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Providers and credentials made in memory, never installed globally: a BC provider instance, a BCJSSE instance
 * running over it (on JDK 17 that is what gives BCJSSE ML-KEM), and an ECDSA P-256 self-signed server certificate.
 */
final class TestPki {

    static final Provider BC = new BouncyCastleProvider();
    static final Provider BCJSSE = new BouncyCastleJsseProvider(BC);
    static final char[] PASSWORD = "changeit".toCharArray();
    static final KeyPair KEYS;
    static final X509Certificate CERT;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KEYS = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), name,
                    KEYS.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            CERT = new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(KEYS.getPrivate())));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestPki() {
    }

    static KeyStore keyStore() throws GeneralSecurityException, java.io.IOException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", KEYS.getPrivate(), PASSWORD, new X509Certificate[] {CERT});
        return keyStore;
    }

    static KeyManager[] keyManagers() throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", BCJSSE);
        factory.init(keyStore(), PASSWORD);
        return factory.getKeyManagers();
    }

    static TrustManager[] trustManagers(Provider jsse) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", CERT);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", jsse);
        factory.init(trustStore);
        return factory.getTrustManagers();
    }

    /** A plain BCJSSE server context, the positive control for the PQWS one. */
    static SSLContext bcServerContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", BCJSSE);
        context.init(keyManagers(), null, null);
        return context;
    }

    static SSLContext bcClientContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", BCJSSE);
        context.init(null, trustManagers(BCJSSE), null);
        return context;
    }

    /** SunJSSE on JDK 17: an independent, classic-only TLS 1.3 client (x25519, secp256r1, ...). */
    static SSLContext sunClientContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
        context.init(null, trustManagers(java.security.Security.getProvider("SunJSSE")), null);
        return context;
    }

    /** A BCJSSE client engine offering exactly these groups (in this order) and, if given, only these protocols. */
    static SSLEngine bcClient(String[] groups, String... protocols) throws Exception {
        SSLEngine engine = bcClientContext().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        BCSSLParameters parameters = ((BCSSLEngine) engine).getParameters();
        parameters.setNamedGroups(groups);
        if (protocols.length > 0) {
            parameters.setProtocols(protocols);
        }
        ((BCSSLEngine) engine).setParameters(parameters);
        return engine;
    }

    static SSLEngine server(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }

    static boolean isEcdsaP256(X509Certificate certificate) {
        return certificate.getPublicKey() instanceof ECPublicKey
                && ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize() == 256
                && certificate.getSigAlgName().toUpperCase(java.util.Locale.ROOT).contains("ECDSA");
    }
}
