package io.pqws.certs;

import java.nio.file.Path;

/**
 * The names of the files the dev PKI tool writes into its output directory, and the aliases inside its stores.
 *
 * <p>Why public: the TLS profiles, scripts and tests elsewhere in the project read these files, and naming them in
 * one place keeps the writer and its readers in step.
 */
public record DevPkiFiles(Path dir) {

    /** The default output directory, relative to the working directory (the repository root for the script). */
    public static final String DEFAULT_DIR = "certs/dev";

    /** The default store password: Payara's default, a development password and nothing more. */
    public static final String DEFAULT_PASSWORD = "changeit";

    /** The alias of the server's private-key entry in {@code server.p12}. */
    public static final String SERVER_ALIAS = "pqws-server";

    /** The alias of the CA's trusted-certificate entry in {@code truststore.p12}. */
    public static final String CA_ALIAS = "pqws-dev-ca";

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** The CA's private key, kept so that later runs can issue more certificates from the same CA. */
    public Path caKey() {
        return dir.resolve("ca-key.pem");
    }

    public Path serverStore() {
        return dir.resolve("server.p12");
    }

    public Path serverCertificate() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server-key.pem");
    }

    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** The client's key store; its private-key entry's alias is the client name. */
    public Path clientStore(String name) {
        return dir.resolve("client-" + name + ".p12");
    }

    public Path clientCertificate(String name) {
        return dir.resolve("client-" + name + ".pem");
    }

    public Path clientKey(String name) {
        return dir.resolve("client-" + name + "-key.pem");
    }

    EndEntity server(CertificateSpec spec) {
        return new EndEntity("server", spec, SERVER_ALIAS, serverStore(), serverCertificate(), serverKey());
    }

    /**
     * @throws IllegalArgumentException if the name is not usable as a client name (see {@link CertificateSpec#client})
     */
    EndEntity client(String name) {
        return new EndEntity("client " + name, CertificateSpec.client(name), name, clientStore(name),
                clientCertificate(name), clientKey(name));
    }
}
