package io.pqws.certs;

import java.util.List;
import java.util.Optional;

/**
 * What one run of the tool is asked to make: the output files, the end entities (server first, then the clients),
 * the store password, whether to re-create everything, and the ML-DSA level of the post-quantum CA and server
 * certificate, if they are wanted.
 *
 * <p>Why a value: the command line builds it and the {@link DevPkiMaker} carries it out, so the maker can be driven
 * by tests without a command line (with a clock of their choosing).
 */
record DevPkiRequest(DevPkiFiles files, List<EndEntity> endEntities, char[] password, boolean force,
        Optional<KeyAlgorithm> mlDsa) {

    DevPkiRequest {
        endEntities = List.copyOf(endEntities);
        if (mlDsa.isPresent() && !mlDsa.get().isMlDsa()) {
            throw new IllegalArgumentException(mlDsa.get().cliName() + " is not an ML-DSA level");
        }
    }

    /** The server end entity: the first one. */
    EndEntity server() {
        return endEntities.get(0);
    }
}
