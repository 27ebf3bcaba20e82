package io.pqws.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The PKCS#12 key and trust stores, written and read with the JDK's own {@code KeyStore.getInstance("PKCS12")}.
 *
 * <p>Why the JDK's implementation and not Bouncy Castle's: a store written by the SUN provider is one every JVM reads
 * without extra providers, Payara included, and its trusted-certificate entries carry the attribute the JDK needs to
 * see them as trust anchors.
 */
final class Pkcs12 {

    private Pkcs12() {
    }

    /** A key store with one private-key entry: the credential's key and its whole chain, under the given alias. */
    static byte[] keyStore(String alias, Credential credential, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore store = empty();
        store.setKeyEntry(alias, credential.privateKey(), password,
                credential.chain().toArray(new X509Certificate[0]));
        return save(store, password);
    }

    /** A key store with one private-key entry per alias, each with its whole chain. */
    static byte[] keyStore(Map<String, Credential> credentials, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore store = empty();
        for (Map.Entry<String, Credential> entry : credentials.entrySet()) {
            store.setKeyEntry(entry.getKey(), entry.getValue().privateKey(), password,
                    entry.getValue().chain().toArray(new X509Certificate[0]));
        }
        return save(store, password);
    }

    /** A trust store with one trusted-certificate entry per alias. */
    static byte[] trustStore(Map<String, X509Certificate> cas, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore store = empty();
        for (Map.Entry<String, X509Certificate> ca : cas.entrySet()) {
            store.setCertificateEntry(ca.getKey(), ca.getValue());
        }
        return save(store, password);
    }

    /** A trust store with one trusted-certificate entry, the CA, under the given alias. */
    static byte[] trustStore(String alias, X509Certificate ca, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore store = empty();
        store.setCertificateEntry(alias, ca);
        return save(store, password);
    }

    static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static KeyStore empty() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static byte[] save(KeyStore store, char[] password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        return bytes.toByteArray();
    }
}
