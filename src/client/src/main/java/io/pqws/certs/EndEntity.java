package io.pqws.certs;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One end entity (the server or a client): what its certificate must say and the three files that hold it, a
 * PKCS#12 store with the key and chain under {@code alias}, the PEM certificate and the PEM key.
 *
 * <p>Why one type for both: the server and every client are checked, issued, written and reported the same way.
 */
record EndEntity(String label, CertificateSpec spec, String alias, Path store, Path certificate, Path key) {

    List<Path> files() {
        return List.of(store, certificate, key);
    }

    /** The label with the key type and, for the server, its names: what a person checks in the summary. */
    String description() {
        String names = spec.names().stream().map(SubjectAltName::toString).collect(Collectors.joining(", "));
        return label + " (" + spec.key().cliName() + (names.isEmpty() ? "" : "; " + names) + ")";
    }
}
