package io.pqws.it;

import static io.pqws.it.ItEnvironment.property;

import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.ClientTlsSettings.ClientCertificate;
import io.pqws.client.TlsProfile;

/**
 * The Payara Micro that Arquillian starts for an integration test, seen from the test: the built WAR it deploys,
 * its URLs, and client TLS settings that trust the test PKI. Everything comes from system properties the build
 * sets (see the failsafe configuration in pom.xml), so no test hard-codes a port or a path.
 */
final class PqwsServer {

    static final String CONTEXT = "pqws";
    static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private PqwsServer() {
    }

    /** The WAR exactly as {@code mvn package} built it: the product, not a micro-deployment. */
    static WebArchive builtWar() {
        File war = new File(property("pqws.war"));
        return ShrinkWrap.create(ZipImporter.class, CONTEXT + ".war").importFrom(war).as(WebArchive.class);
    }

    /** The PQ profile the server runs under, as the failsafe execution named it. */
    static String profile() {
        return property("pqws.profile");
    }

    static int httpsPort() {
        return Integer.parseInt(property("pqws.https.port"));
    }

    /** The hybrid-mldsa profile's second listener, which picks a certificate chain per client. */
    static int pqHttpsPort() {
        return Integer.parseInt(property("pqws.pq.https.port"));
    }

    static URI wss(String path) {
        return URI.create("wss://localhost:" + httpsPort() + "/" + CONTEXT + "/" + path);
    }

    static URI https(String path) {
        return URI.create("https://localhost:" + httpsPort() + "/" + CONTEXT + "/" + path);
    }

    /**
     * The plain ws:// URL of {@code path} on the HTTP port Arquillian reports. Payara Micro reports one of the
     * machine's addresses as its host, but the listener is bound to loopback only, so the host is localhost.
     */
    static URI ws(URL base, String path) {
        return URI.create("ws://localhost:" + base.getPort() + "/" + CONTEXT + "/" + path);
    }

    /** The plain http:// URL of {@code path} on the HTTP port Arquillian reports (see {@link #ws}). */
    static URI http(URL base, String path) {
        return URI.create("http://localhost:" + base.getPort() + "/" + CONTEXT + "/" + path);
    }

    static Path certsDir() {
        return Path.of(property("pqws.certs.dir"));
    }

    /** Settings of a client profile that trust the test PKI. */
    static ClientTlsSettings client(TlsProfile profile) {
        return ClientTlsSettings.of(profile).withTrustStore(trustStore());
    }

    /** Settings offering exactly these groups (first one as the early key share) and trusting the test PKI. */
    static ClientTlsSettings clientOffering(String... groups) {
        return client(TlsProfile.HYBRID).withNamedGroups(List.of(groups)).withEarlyKeyShares(List.of(groups[0]));
    }

    static KeyStore trustStore() {
        return load(certsDir().resolve("truststore.p12"));
    }

    static ClientCertificate clientCertificate(String name) {
        return new ClientCertificate(load(certsDir().resolve("client-" + name + ".p12")), STORE_PASSWORD);
    }

    /** The development CA, as OpenSSL is told to trust it. */
    static X509Certificate caCertificate() {
        return certificate(certsDir().resolve("ca.pem"));
    }

    /** The ML-DSA development CA ({@code --ml-dsa}), for peers that verify the post-quantum chain. */
    static X509Certificate mlDsaCaCertificate() {
        return certificate(certsDir().resolve("ca-mldsa.pem"));
    }

    /** The ML-DSA server certificate ({@code --ml-dsa}), whose key a browser can be told to trust. */
    static X509Certificate mlDsaServerCertificate() {
        return certificate(certsDir().resolve("server-mldsa.pem"));
    }

    /** The server's certificate, whose public key a browser under test is told to trust. */
    static X509Certificate serverCertificate() {
        return certificate(certsDir().resolve("server.pem"));
    }

    private static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pem, e);
        }
    }

    private static KeyStore load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + file, e);
        }
    }
}
