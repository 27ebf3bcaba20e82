package io.pqws.certs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings an output directory to what a request asks for, writing only what is missing or no longer fits.
 *
 * <p>Why: scripts and tests run the tool on every build. Re-creating the CA each time would make everyone re-import
 * it into their browsers and would break every copy of the trust store, so the CA is kept while it is usable, and
 * only the certificates that are missing, expiring or no longer match the request are issued again. A new CA (or
 * {@code --force}) re-issues everything, since nothing else would chain to it.
 */
final class DevPkiMaker {

    /** One thing written: what it is, why it was (re)written, and its files. */
    record Written(String what, String reason, List<String> files) {
    }

    private final Provider provider;
    private final Clock clock;

    /**
     * @param provider the Bouncy Castle provider instance that makes keys and signs; it is never installed globally
     * @param clock    the time certificates are issued at and checked against
     */
    DevPkiMaker(Provider provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    /** Writes what the request needs; an empty result means the directory was already up to date. */
    List<Written> make(DevPkiRequest request) throws IOException, GeneralSecurityException {
        Instant now = clock.instant();
        DevPkiFiles files = request.files();
        char[] password = request.password();
        StaleCheck check = new StaleCheck(password, now, provider);
        List<Written> written = new ArrayList<>();
        OwnerOnlyFiles.createDirectory(files.dir());

        Optional<String> caProblem = request.force() ? Optional.of("--force") : check.caProblem(files);
        CertificateAuthority ca;
        if (caProblem.isPresent()) {
            ca = CertificateAuthority.create(provider, now);
            OwnerOnlyFiles.write(files.caCertificate(), Pem.encode(ca.certificate()));
            OwnerOnlyFiles.write(files.caKey(), Pem.encode(ca.privateKey()));
            written.add(new Written("dev CA", caProblem.get(),
                    List.of(name(files.caCertificate()), name(files.caKey()))));
        } else {
            ca = CertificateAuthority.read(files.caCertificate(), files.caKey(), provider);
        }
        Optional<String> renewAll = caProblem.map(p -> request.force() ? p : "new CA");

        for (EndEntity entity : request.endEntities()) {
            Optional<String> problem = renewAll.or(() -> check.endEntityProblem(entity, ca));
            if (problem.isPresent()) {
                Credential credential = ca.issue(entity.spec(), now);
                OwnerOnlyFiles.write(entity.store(), Pkcs12.keyStore(entity.alias(), credential, password));
                OwnerOnlyFiles.write(entity.certificate(), Pem.encode(credential.certificate()));
                OwnerOnlyFiles.write(entity.key(), Pem.encode(credential.privateKey()));
                written.add(new Written(entity.description(), problem.get(), List.of(
                        aliased(entity.store(), entity.alias()), name(entity.certificate()), name(entity.key()))));
            }
        }

        Map<String, X509Certificate> anchors = new LinkedHashMap<>();
        anchors.put(DevPkiFiles.CA_ALIAS, ca.certificate());
        if (request.mlDsa().isPresent()) {
            makeMlDsa(request, check, anchors, written);
        }

        Optional<String> trustProblem = renewAll.or(() -> check.trustStoreProblem(files.trustStore(), anchors));
        if (trustProblem.isPresent()) {
            OwnerOnlyFiles.write(files.trustStore(), Pkcs12.trustStore(anchors, password));
            written.add(new Written("trust store", trustProblem.get(), anchors.keySet().stream()
                    .map(alias -> aliased(files.trustStore(), alias)).toList()));
        }
        return written;
    }

    /**
     * The post-quantum half: an ML-DSA CA, an ML-DSA server certificate with the same names as the classic one, and
     * {@code server-dual.p12} holding both server keys, for a listener that serves ML-DSA chains to clients that accept
     * them and ECDSA chains to everyone else. The ML-DSA CA joins the trust store. The dual store is rewritten when it
     * does not hold exactly the two server certificates now on disk (so also after either was renewed).
     */
    private void makeMlDsa(DevPkiRequest request, StaleCheck check, Map<String, X509Certificate> anchors,
            List<Written> written) throws IOException, GeneralSecurityException {
        Instant now = clock.instant();
        DevPkiFiles files = request.files();
        KeyAlgorithm level = request.mlDsa().orElseThrow();
        Optional<String> caProblem = request.force() ? Optional.of("--force")
                : check.caProblem(files.caMlDsaCertificate(), files.caMlDsaKey(), level);
        CertificateAuthority ca;
        if (caProblem.isPresent()) {
            ca = CertificateAuthority.create(provider, now, level, CertificateAuthority.ML_DSA_SUBJECT);
            OwnerOnlyFiles.write(files.caMlDsaCertificate(), Pem.encode(ca.certificate()));
            OwnerOnlyFiles.write(files.caMlDsaKey(), Pem.encode(ca.privateKey()));
            written.add(new Written("ML-DSA CA (" + level.cliName() + ")", caProblem.get(),
                    List.of(name(files.caMlDsaCertificate()), name(files.caMlDsaKey()))));
        } else {
            ca = CertificateAuthority.read(files.caMlDsaCertificate(), files.caMlDsaKey(), provider);
        }
        anchors.put(DevPkiFiles.CA_MLDSA_ALIAS, ca.certificate());

        EndEntity server = files.mlDsaServer(CertificateSpec.server(level, request.server().spec().names()));
        Optional<String> problem = caProblem.map(p -> request.force() ? p : "new ML-DSA CA")
                .or(() -> check.endEntityProblem(server, ca));
        if (problem.isPresent()) {
            Credential credential = ca.issue(server.spec(), now);
            OwnerOnlyFiles.write(server.store(), Pkcs12.keyStore(server.alias(), credential, request.password()));
            OwnerOnlyFiles.write(server.certificate(), Pem.encode(credential.certificate()));
            OwnerOnlyFiles.write(server.key(), Pem.encode(credential.privateKey()));
            written.add(new Written(server.description(), problem.get(), List.of(
                    aliased(server.store(), server.alias()), name(server.certificate()), name(server.key()))));
        }

        EndEntity classic = request.server();
        Map<String, X509Certificate> dual = new LinkedHashMap<>();
        dual.put(classic.alias(), Pem.readCertificate(classic.certificate()));
        dual.put(server.alias(), Pem.readCertificate(server.certificate()));
        Optional<String> dualProblem = request.force() ? Optional.of("--force")
                : check.keyStoreProblem(files.serverDualStore(), dual);
        if (dualProblem.isPresent()) {
            Map<String, Credential> credentials = new LinkedHashMap<>();
            credentials.put(classic.alias(), stored(classic, files.caCertificate()));
            credentials.put(server.alias(), stored(server, files.caMlDsaCertificate()));
            OwnerOnlyFiles.write(files.serverDualStore(), Pkcs12.keyStore(credentials, request.password()));
            written.add(new Written("dual-chain server store", dualProblem.get(), List.of(
                    aliased(files.serverDualStore(), classic.alias()), aliased(files.serverDualStore(), server.alias()))));
        }
    }

    /** An end entity's key and chain [certificate, CA] as its PEM files hold them now. */
    private Credential stored(EndEntity entity, Path caCertificate) throws IOException, GeneralSecurityException {
        return new Credential(Pem.readPrivateKey(entity.key(), provider),
                List.of(Pem.readCertificate(entity.certificate()), Pem.readCertificate(caCertificate)));
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private static String aliased(Path store, String alias) {
        return name(store) + " [alias " + alias + "]";
    }
}
