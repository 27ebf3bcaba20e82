package io.pqws.jsse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The key and trust managers a "Default" SSLContext uses, built from the standard {@code javax.net.ssl.*} system
 * properties (JSSE Reference Guide, "Customizing the Default Keystores and Truststores") the way Bouncy Castle's own
 * {@code DefaultSSLContextSpi} builds them.
 *
 * <p>Needed only in require-hybrid mode: Bouncy Castle's Default context keeps its key managers private, so pqws
 * cannot put {@link EngineOnlyKeyManager} in front of them and builds the same managers itself instead. The password
 * is read but never logged.
 *
 * <p>One deliberate difference: the key manager factory is always BCJSSE's. In TLS 1.3 BCJSSE asks the key manager
 * for BCJSSE key types such as {@code EC/secp256r1}, which the JDK's key managers ({@code SunX509}, the JDK default,
 * and {@code NewSunX509}) never match, so with them an ECDSA server certificate is silently unusable.
 */
final class DefaultManagers {

    private DefaultManagers() {
    }

    /** @param bcJsse the BCJSSE provider whose key manager factory reads the key store */
    static KeyManager[] keyManagers(Provider bcJsse) throws GeneralSecurityException, IOException {
        String path = System.getProperty("javax.net.ssl.keyStore");
        String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
        String provider = System.getProperty("javax.net.ssl.keyStoreProvider");
        String password = System.getProperty("javax.net.ssl.keyStorePassword");
        char[] secret = password == null ? null : password.toCharArray();

        KeyStore keyStore = provider == null || provider.isEmpty()
                ? KeyStore.getInstance(type)
                : KeyStore.getInstance(type, provider);
        if (path == null || "NONE".equals(path) || !new File(path).exists()) {
            keyStore.load(null, secret);
        } else {
            try (InputStream in = Files.newInputStream(new File(path).toPath())) {
                keyStore.load(in, secret);
            }
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", bcJsse);
        factory.init(keyStore, secret);
        return factory.getKeyManagers();
    }

    /** A trust manager factory initialized with {@code null} loads the default trust store itself. */
    static TrustManager[] trustManagers() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return factory.getTrustManagers();
    }
}
