package io.pqws.certs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

        Optional<String> trustProblem = renewAll.or(
                () -> check.trustStoreProblem(files.trustStore(), DevPkiFiles.CA_ALIAS, ca.certificate()));
        if (trustProblem.isPresent()) {
            OwnerOnlyFiles.write(files.trustStore(),
                    Pkcs12.trustStore(DevPkiFiles.CA_ALIAS, ca.certificate(), password));
            written.add(new Written("trust store", trustProblem.get(),
                    List.of(aliased(files.trustStore(), DevPkiFiles.CA_ALIAS))));
        }
        return written;
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private static String aliased(Path store, String alias) {
        return name(store) + " [alias " + alias + "]";
    }
}
