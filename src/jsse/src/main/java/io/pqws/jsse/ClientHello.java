package io.pqws.jsse;

import java.util.List;

/**
 * What a ClientHello offers, as far as the key-exchange policy and the client's fingerprint ({@link Ja4}) care.
 *
 * @param legacyVersion       the {@code legacy_version} field (0x0303 for TLS 1.2 and 1.3 clients)
 * @param supportedVersions   the {@code supported_versions} extension, in client order; empty when absent
 * @param supportedGroups     the {@code supported_groups} extension, in client order; empty when absent
 * @param keyShareGroups      the groups of the {@code key_share} entries, in client order; empty when absent
 * @param cipherSuites        the {@code cipher_suites}, in client order
 * @param extensionTypes      the extension types, in client order
 * @param firstAlpn           the first protocol of the {@code application_layer_protocol_negotiation} extension, its
 *                            bytes as ISO-8859-1 characters (so any byte survives), or {@code null} when absent or
 *                            unreadable
 * @param signatureAlgorithms the {@code signature_algorithms} extension, in client order; empty when absent or
 *                            unreadable
 */
record ClientHello(int legacyVersion, List<Integer> supportedVersions, List<Integer> supportedGroups,
                   List<Integer> keyShareGroups, List<Integer> cipherSuites, List<Integer> extensionTypes,
                   String firstAlpn, List<Integer> signatureAlgorithms) {

    static final int TLS13 = 0x0304;

    ClientHello {
        supportedVersions = List.copyOf(supportedVersions);
        supportedGroups = List.copyOf(supportedGroups);
        keyShareGroups = List.copyOf(keyShareGroups);
        cipherSuites = List.copyOf(cipherSuites);
        extensionTypes = List.copyOf(extensionTypes);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
    }

    /** A ClientHello as the key-exchange policy sees it, with nothing to fingerprint. */
    ClientHello(int legacyVersion, List<Integer> supportedVersions, List<Integer> supportedGroups,
            List<Integer> keyShareGroups) {
        this(legacyVersion, supportedVersions, supportedGroups, keyShareGroups, List.of(), List.of(), null, List.of());
    }

    /** TLS 1.3 is negotiable only through {@code supported_versions}; {@code legacy_version} never says 1.3. */
    boolean offersTls13() {
        return supportedVersions.contains(TLS13);
    }
}
