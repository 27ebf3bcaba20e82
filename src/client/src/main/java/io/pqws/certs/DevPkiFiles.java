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

    /** The alias of the ML-DSA server key in {@code server-mldsa.p12} and {@code server-dual.p12}. */
    public static final String SERVER_MLDSA_ALIAS = "pqws-server-mldsa";

    /** The alias of the ML-DSA CA's trusted-certificate entry in {@code truststore.p12}. */
    public static final String CA_MLDSA_ALIAS = "pqws-dev-ca-mldsa";

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

    /** The ML-DSA CA (made with {@code --ml-dsa}): a second, post-quantum trust anchor. */
    public Path caMlDsaCertificate() {
        return dir.resolve("ca-mldsa.pem");
    }

    public Path caMlDsaKey() {
        return dir.resolve("ca-mldsa-key.pem");
    }

    public Path serverMlDsaStore() {
        return dir.resolve("server-mldsa.p12");
    }

    public Path serverMlDsaCertificate() {
        return dir.resolve("server-mldsa.pem");
    }

    public Path serverMlDsaKey() {
        return dir.resolve("server-mldsa-key.pem");
    }

    /**
     * Both server keys in one store: the ECDSA chain under {@link #SERVER_ALIAS} and the ML-DSA chain under
     * {@link #SERVER_MLDSA_ALIAS}, for a listener that picks a chain by the client's {@code signature_algorithms}.
     */
    public Path serverDualStore() {
        return dir.resolve("server-dual.p12");
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

    EndEntity mlDsaServer(CertificateSpec spec) {
        return new EndEntity("ML-DSA server", spec, SERVER_MLDSA_ALIAS, serverMlDsaStore(), serverMlDsaCertificate(),
                serverMlDsaKey());
    }

    /**
     * @throws IllegalArgumentException if the name is not usable as a client name (see {@link CertificateSpec#client})
     */
    EndEntity client(String name) {
        return new EndEntity("client " + name, CertificateSpec.client(name), name, clientStore(name),
                clientCertificate(name), clientKey(name));
    }
}
