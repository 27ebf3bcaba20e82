package io.pqws.jsse;

import java.util.List;

/**
 * What a ClientHello offers, as far as the key-exchange policy cares.
 *
 * @param legacyVersion      the {@code legacy_version} field (0x0303 for TLS 1.2 and 1.3 clients)
 * @param supportedVersions  the {@code supported_versions} extension, in client order; empty when absent
 * @param supportedGroups    the {@code supported_groups} extension, in client order; empty when absent
 * @param keyShareGroups     the groups of the {@code key_share} entries, in client order; empty when absent
 */
record ClientHello(int legacyVersion, List<Integer> supportedVersions, List<Integer> supportedGroups,
                   List<Integer> keyShareGroups) {

    static final int TLS13 = 0x0304;

    ClientHello {
        supportedVersions = List.copyOf(supportedVersions);
        supportedGroups = List.copyOf(supportedGroups);
        keyShareGroups = List.copyOf(keyShareGroups);
    }

    /** TLS 1.3 is negotiable only through {@code supported_versions}; {@code legacy_version} never says 1.3. */
    boolean offersTls13() {
        return supportedVersions.contains(TLS13);
    }
}
