package io.pqws.tls;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS named groups this project talks about, by their IANA code point and standard name.
 *
 * <p>Why a table of our own: neither SunJSSE nor BCJSSE exposes the negotiated group through a public API, and the
 * readers that recover it get an IANA code point. This class turns that code point into the name an operator knows
 * (the one {@code jdk.tls.namedGroups}, OpenSSL and Chromium use) and says whether the group is a hybrid
 * post-quantum key exchange. It depends on no provider, so the WAR, the client and the profile tools share it.
 */
public final class NamedGroups {

    /** X25519 + ML-KEM-768, the hybrid browsers and OpenSSL 3.5 offer by default (IANA 0x11EC). */
    public static final String X25519_MLKEM768 = "X25519MLKEM768";

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x0017, "secp256r1"),
            Map.entry(0x0018, "secp384r1"),
            Map.entry(0x0019, "secp521r1"),
            Map.entry(0x001D, "x25519"),
            Map.entry(0x001E, "x448"),
            Map.entry(0x0100, "ffdhe2048"),
            Map.entry(0x0101, "ffdhe3072"),
            Map.entry(0x0102, "ffdhe4096"),
            Map.entry(0x0200, "MLKEM512"),
            Map.entry(0x0201, "MLKEM768"),
            Map.entry(0x0202, "MLKEM1024"),
            Map.entry(0x11EB, "SecP256r1MLKEM768"),
            Map.entry(0x11EC, X25519_MLKEM768),
            Map.entry(0x11ED, "SecP384r1MLKEM1024"));

    /** Hybrid groups: a classic ECDHE share and an ML-KEM encapsulation, secure if either one holds. */
    private static final Map<String, Integer> HYBRIDS = Map.of(
            "SecP256r1MLKEM768", 0x11EB,
            X25519_MLKEM768, 0x11EC,
            "SecP384r1MLKEM1024", 0x11ED);

    private NamedGroups() {
    }

    /** The standard name of an IANA code point, or {@code "0x...."} for one this table does not know. */
    public static String nameOf(int codePoint) {
        String name = NAMES.get(codePoint);
        return name != null ? name : String.format(Locale.ROOT, "0x%04X", codePoint);
    }

    /** The IANA code point of a standard group name (case-insensitive), if this table knows it. */
    public static Optional<Integer> codePointOf(String name) {
        return NAMES.entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(name))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Whether the named group is a hybrid post-quantum key exchange (classic ECDHE combined with ML-KEM). */
    public static boolean isHybridPostQuantum(String name) {
        return name != null && HYBRIDS.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
    }
}
