package io.pqws.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/**
 * Reads the PKCS12 files named on the command line, with an error that names the option and the file.
 *
 * <p>Why: {@code KeyStore#load} reports a wrong password as "keystore password was incorrect" three causes deep and
 * a missing file as a bare path; the user needs to know which of {@code --truststore} and {@code --cert} is wrong.
 * Public for {@link #readPkcs12}: the {@code soak} and {@code bench} commands read their stores the same way and
 * report a failure in their own words.
 */
public final class KeyStores {

    private KeyStores() {
    }

    /** The PKCS12 store in {@code file}, with the JDK's own reader; failures as {@code KeyStore#load} reports them. */
    public static KeyStore readPkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        }
    }

    static KeyStore loadPkcs12(Path file, char[] password, String option) {
        try {
            return readPkcs12(file, password);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + option + " " + file + " as PKCS12: "
                    + Failures.innermostMessage(e));
        }
    }

    /** A PKCS12 file that must hold a private key with its certificate (a client credential). */
    static KeyStore loadPkcs12WithKey(Path file, char[] password, String option) {
        KeyStore store = loadPkcs12(file, password, option);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return store;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + option + " " + file + ": " + e.getMessage());
        }
        throw new IllegalArgumentException(option + " " + file + " holds no private key");
    }
}
