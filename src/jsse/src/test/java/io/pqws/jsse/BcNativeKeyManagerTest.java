package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The server key as the container has it (a SunEC object from a JDK key store) reaches BCJSSE as a Bouncy Castle
 * key object, and handshakes still complete with it.
 */
class BcNativeKeyManagerTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    /** A key store like Payara's: the key pair made by SunEC, the store read by the JDK's PKCS12. */
    private static KeyStore sunEcKeyStore() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Date now = new Date();
        X509Certificate certificate = new JcaX509CertificateConverter().setProvider(TestPki.BC).getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(now.getTime() - 60_000),
                        new Date(now.getTime() + 3_600_000), name, keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(TestPki.BC)
                                .build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
        return store;
    }

    private static KeyManager[] bcKeyManagers(KeyStore store) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", TestPki.BCJSSE);
        factory.init(store, PASSWORD);
        return factory.getKeyManagers();
    }

    @Test
    void theServerKeyBecomesABouncyCastleKeyOnceWithTheSameValue() throws Exception {
        KeyStore store = sunEcKeyStore();
        X509KeyManager plain = (X509KeyManager) bcKeyManagers(store)[0];
        X509KeyManager wrapped = (X509KeyManager) BcNativeKeyManager.wrap(bcKeyManagers(store), TestPki.BC)[0];
        // BCJSSE asks its key managers for its own key types in TLS 1.3, such as EC/secp256r1.
        String alias = ((X509ExtendedKeyManager) wrapped).chooseEngineServerAlias("EC/secp256r1", null, null);
        assertTrue(alias != null, "the wrapper finds the server credential like BCJSSE's own manager does");

        PrivateKey original = plain.getPrivateKey(alias);
        PrivateKey translated = wrapped.getPrivateKey(alias);
        assertTrue(original.getClass().getName().startsWith("sun.security.ec."),
                "premise: the container's key is a SunEC object, got " + original.getClass().getName());
        assertTrue(translated.getClass().getName().startsWith("org.bouncycastle."), translated.getClass().getName());
        assertEquals(((ECPrivateKey) original).getS(), ((ECPrivateKey) translated).getS(),
                "the same key, another representation");
        assertEquals(((ECPrivateKey) original).getParams().getOrder(), ((ECPrivateKey) translated).getParams()
                .getOrder(), "on the same curve");
        assertSame(translated, wrapped.getPrivateKey(alias), "translated once, then reused");
        assertArrayEquals(plain.getCertificateChain(alias), wrapped.getCertificateChain(alias));
    }

    @Test
    void aHybridHandshakeCompletesWithTheTranslatedKey() throws Exception {
        KeyStore store = sunEcKeyStore();
        SSLContext server = SSLContext.getInstance("TLS", TestPki.BCJSSE);
        server.init(BcNativeKeyManager.wrap(bcKeyManagers(store), TestPki.BC), null, null);
        SSLEngine engine = server.createSSLEngine();
        engine.setUseClientMode(false);
        MemoryHandshake handshake = MemoryHandshake.run(hybridClientTrusting(store), engine);
        assertTrue(handshake.completed(), "server: " + handshake.server.failure + ", client: "
                + handshake.client.failure);
        assertEquals("TLSv1.3", engine.getSession().getProtocol());
    }

    private static SSLEngine hybridClientTrusting(KeyStore serverStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverStore.getCertificate("server"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX", TestPki.BCJSSE);
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS", TestPki.BCJSSE);
        context.init(null, trustManagers.getTrustManagers(), null);
        SSLEngine client = context.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        BCSSLParameters parameters = ((BCSSLEngine) client).getParameters();
        parameters.setNamedGroups(new String[] {"X25519MLKEM768", "x25519", "secp256r1"});
        ((BCSSLEngine) client).setParameters(parameters);
        return client;
    }

    @Test
    void withoutBouncyCastleTheManagersAreLeftAlone() throws Exception {
        KeyManager[] managers = bcKeyManagers(sunEcKeyStore());
        assertSame(managers, BcNativeKeyManager.wrap(managers, null));
    }
}
