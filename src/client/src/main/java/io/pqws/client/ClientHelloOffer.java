package io.pqws.client;

import java.util.List;
import java.util.Objects;

/**
 * What one probing ClientHello offers: protocol versions, named groups (preference order), the groups whose key
 * shares go into the first ClientHello, and signature schemes.
 *
 * @param protocols        e.g. {@code TLSv1.3}, {@code TLSv1.2}
 * @param namedGroups      canonical group names, e.g. {@code X25519MLKEM768}
 * @param keyShares        groups whose key shares the first ClientHello carries, each one of {@code namedGroups}
 * @param signatureSchemes Bouncy Castle signature scheme names ({@code mldsa65}, {@code ecdsa_secp256r1_sha256}), or
 *                         empty for Bouncy Castle's defaults (which leave ML-DSA out)
 */
public record ClientHelloOffer(List<String> protocols, List<String> namedGroups, List<String> keyShares,
        List<String> signatureSchemes) {

    /** Signature schemes of a client that accepts ML-DSA certificates first and classic ones after them. */
    public static final List<String> ML_DSA_FIRST = List.of("mldsa65", "mldsa87", "mldsa44",
            "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ed25519", "ed448",
            "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512", "rsa_pss_pss_sha256",
            "rsa_pss_pss_sha384", "rsa_pss_pss_sha512", "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512");

    public ClientHelloOffer {
        protocols = List.copyOf(protocols);
        namedGroups = GroupNames.canonicalList(Objects.requireNonNull(namedGroups, "namedGroups"));
        keyShares = GroupNames.canonicalList(Objects.requireNonNull(keyShares, "keyShares"));
        signatureSchemes = List.copyOf(signatureSchemes);
        if (protocols.isEmpty() || namedGroups.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one protocol and one named group");
        }
        if (!namedGroups.containsAll(keyShares)) {
            throw new IllegalArgumentException("key shares " + keyShares + " must be among the groups " + namedGroups);
        }
    }

    /** TLS 1.3 only, these groups, a key share for the first one, Bouncy Castle's signature schemes. */
    public static ClientHelloOffer tls13(String... groups) {
        return new ClientHelloOffer(List.of("TLSv1.3"), List.of(groups), List.of(groups[0]), List.of());
    }

    public ClientHelloOffer withProtocols(String... versions) {
        return new ClientHelloOffer(List.of(versions), namedGroups, keyShares, signatureSchemes);
    }

    public ClientHelloOffer withKeyShares(String... groups) {
        return new ClientHelloOffer(protocols, namedGroups, List.of(groups), signatureSchemes);
    }

    public ClientHelloOffer withSignatureSchemes(List<String> schemes) {
        return new ClientHelloOffer(protocols, namedGroups, keyShares, schemes);
    }
}
