package io.pqws.client;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The three key-exchange policies the client offers, as named group lists plus the key shares of the first
 * ClientHello.
 *
 * <p>Why the early key share is part of the profile: BC's default first ClientHello carries an x25519 share, so a
 * server that prefers {@code X25519MLKEM768} answers with a HelloRetryRequest and the handshake costs an extra round
 * trip. Sending the hybrid share up front avoids that. {@code secp256r1} stays in every list because BCJSSE offers
 * the {@code ecdsa_secp256r1_sha256} signature scheme only when that group is enabled, and the project's server
 * certificates are ECDSA P-256; it is last so that a server choosing in client order never picks it while a better
 * group is shared. Because listing it also makes it negotiable, {@link #HYBRID_ONLY} enforces its promise after the
 * handshake (see {@link ClientTlsSettings#requireHybrid()}) rather than trusting the list.
 */
public enum TlsProfile {

    /** Hybrid first, classic fallback: works against any TLS 1.3 server, post-quantum where the server can. */
    HYBRID("hybrid", List.of("X25519MLKEM768", "x25519", "secp256r1"), List.of("X25519MLKEM768"), false),

    /** Hybrid or nothing: the connection is refused unless the negotiated group is a hybrid one. */
    HYBRID_ONLY("hybrid-only", List.of("X25519MLKEM768", "secp256r1"), List.of("X25519MLKEM768"), true),

    /** Classic ECDHE only, no ML-KEM: the baseline to compare against. */
    CLASSIC("classic", List.of("x25519", "secp256r1"), List.of("x25519"), false);

    private final String cliName;
    private final List<String> namedGroups;
    private final List<String> earlyKeyShares;
    private final boolean requireHybrid;

    TlsProfile(String cliName, List<String> namedGroups, List<String> earlyKeyShares, boolean requireHybrid) {
        this.cliName = cliName;
        this.namedGroups = namedGroups;
        this.earlyKeyShares = earlyKeyShares;
        this.requireHybrid = requireHybrid;
    }

    /** The spelling used on the command line ({@code hybrid}, {@code hybrid-only}, {@code classic}). */
    public String cliName() {
        return cliName;
    }

    public List<String> namedGroups() {
        return namedGroups;
    }

    public List<String> earlyKeyShares() {
        return earlyKeyShares;
    }

    public boolean requireHybrid() {
        return requireHybrid;
    }

    /** The profile with this command-line name (case-insensitive). */
    public static TlsProfile fromCliName(String name) {
        for (TlsProfile profile : values()) {
            if (profile.cliName.equalsIgnoreCase(name)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "' (expected one of " + cliNames() + ")");
    }

    /** All command-line names, comma-separated, for usage and error messages. */
    public static String cliNames() {
        return Arrays.stream(values()).map(TlsProfile::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
