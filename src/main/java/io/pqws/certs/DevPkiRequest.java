package io.pqws.certs;

import java.util.List;

/**
 * What one run of the tool is asked to make: the output files, the end entities (server first, then the clients),
 * the store password, and whether to re-create everything.
 *
 * <p>Why a value: the command line builds it and the {@link DevPkiMaker} carries it out, so the maker can be driven
 * by tests without a command line (with a clock of their choosing).
 */
record DevPkiRequest(DevPkiFiles files, List<EndEntity> endEntities, char[] password, boolean force) {

    DevPkiRequest {
        endEntities = List.copyOf(endEntities);
    }
}
