package io.pqws.client;

import java.nio.file.Path;
import java.security.KeyStore;

import picocli.CommandLine.Option;

/**
 * {@code --truststore} and {@code --truststore-password}, mixed into every command that verifies a server
 * ({@code connect}, {@code probe}, {@code follow}): one name, default and help text for the same thing everywhere,
 * and one place that reads the file, so a bad one is reported alike.
 */
final class TrustStoreOptions {

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "PKCS12 trust store for the server certificate (default: the JDK's cacerts; the dev CA "
                    + "is certs/dev/truststore.p12).")
    private Path truststore;

    @Option(names = "--truststore-password", paramLabel = "PASSWORD", defaultValue = "changeit",
            description = "Password of --truststore (default: ${DEFAULT-VALUE}).")
    private String truststorePassword;

    /**
     * The trust store, or {@code null} for the JDK's default trust when none was given.
     *
     * @throws IllegalArgumentException naming the option and the file, when it cannot be read
     */
    KeyStore load() {
        return truststore == null ? null
                : KeyStores.loadPkcs12(truststore, truststorePassword.toCharArray(), "--truststore");
    }

    /** {@code settings} trusting this trust store, or unchanged when none was given; see {@link #load()}. */
    ClientTlsSettings applyTo(ClientTlsSettings settings) {
        KeyStore trust = load();
        return trust == null ? settings : settings.withTrustStore(trust);
    }

    /** Names the file, never the password. */
    @Override
    public String toString() {
        return "TrustStoreOptions[truststore=" + truststore + ", password=***]";
    }
}
