package io.pqws.client;

import java.nio.file.Path;

/**
 * The trust store and client certificate files a command was given ({@code --truststore}, {@code --cert} and their
 * passwords), turned into {@link ClientTlsSettings}.
 *
 * <p>Why a type of its own: {@code connect} and {@code follow} load the same two files the same way, each with its own
 * help texts for the options; this is the one place that reads them, so both report a bad file alike.
 *
 * @param truststore         PKCS12 trust anchors, or {@code null} for the JDK's default trust
 * @param truststorePassword password of {@code truststore}
 * @param cert               PKCS12 client key and certificate for mutual TLS, or {@code null} for none
 * @param certPassword       password of {@code cert} and of its key
 */
record KeyStoreFiles(Path truststore, String truststorePassword, Path cert, String certPassword) {

    /**
     * {@code settings} with the trust store and client certificate these files hold.
     *
     * @throws IllegalArgumentException naming the option and the file, when one cannot be read
     */
    ClientTlsSettings applyTo(ClientTlsSettings settings) {
        ClientTlsSettings result = settings;
        if (truststore != null) {
            result = result.withTrustStore(
                    KeyStores.loadPkcs12(truststore, truststorePassword.toCharArray(), "--truststore"));
        }
        if (cert != null) {
            char[] password = certPassword.toCharArray();
            result = result.withClientCertificate(new ClientTlsSettings.ClientCertificate(
                    KeyStores.loadPkcs12WithKey(cert, password, "--cert"), password));
        }
        return result;
    }

    /** Names the files, never the passwords. */
    @Override
    public String toString() {
        return "KeyStoreFiles[truststore=" + truststore + ", cert=" + cert + ", passwords=***]";
    }
}
