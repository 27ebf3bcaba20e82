package io.pqws.client;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * {@code --cert} and {@code --cert-password}, mixed into every command that can log in with a client certificate
 * ({@code connect}, {@code follow}): one name, default and help text everywhere, and one place that reads the file.
 */
final class ClientCertificateOptions {

    @Option(names = "--cert", paramLabel = "FILE.p12",
            description = "PKCS12 file with the client key and certificate, for mutual TLS.")
    private Path cert;

    @Option(names = "--cert-password", paramLabel = "PASSWORD", defaultValue = "changeit",
            description = "Password of --cert and of its key (default: ${DEFAULT-VALUE}).")
    private String certPassword;

    /**
     * {@code settings} presenting this client certificate, or unchanged when none was given.
     *
     * @throws IllegalArgumentException naming the option and the file, when it cannot be read or holds no key
     */
    ClientTlsSettings applyTo(ClientTlsSettings settings) {
        if (cert == null) {
            return settings;
        }
        char[] password = certPassword.toCharArray();
        return settings.withClientCertificate(new ClientTlsSettings.ClientCertificate(
                KeyStores.loadPkcs12WithKey(cert, password, "--cert"), password));
    }

    /** Names the file, never the password. */
    @Override
    public String toString() {
        return "ClientCertificateOptions[cert=" + cert + ", password=***]";
    }
}
