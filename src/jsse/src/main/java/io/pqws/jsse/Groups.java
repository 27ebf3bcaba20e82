package io.pqws.jsse;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.tls.NamedGroup;

/**
 * TLS named groups as BCJSSE names them.
 *
 * <p>Names come from Bouncy Castle's own {@link NamedGroup#getName(int)}, the same table BCJSSE matches
 * {@code jdk.tls.namedGroups} and {@code BCSSLParameters.setNamedGroups} against (case-insensitively), so a name this
 * class resolves is a name BCJSSE resolves to the same code point. This jar deliberately does not share
 * {@code io.pqws.tls.NamedGroups} with the WAR: the container JVM and the WAR must not split a package.
 */
final class Groups {

    static final int SECP256R1 = NamedGroup.secp256r1;
    static final int X25519 = NamedGroup.x25519;
    static final int SECP256R1_MLKEM768 = NamedGroup.SecP256r1MLKEM768;
    static final int X25519_MLKEM768 = NamedGroup.X25519MLKEM768;
    static final int SECP384R1_MLKEM1024 = NamedGroup.SecP384r1MLKEM1024;

    /**
     * The hybrid post-quantum groups this project accepts: a classic ECDHE share combined with ML-KEM. Pure ML-KEM
     * groups are not on the list on purpose: the hybrid is secure if either half holds.
     */
    static final Set<Integer> HYBRIDS = Set.of(SECP256R1_MLKEM768, X25519_MLKEM768, SECP384R1_MLKEM1024);

    private static final Map<String, Integer> BY_NAME = indexByName();

    private Groups() {
    }

    static boolean isHybrid(int codePoint) {
        return HYBRIDS.contains(codePoint);
    }

    /** The BCJSSE name of a code point, or {@code 0x....} for one BCJSSE does not know (e.g. GREASE). */
    static String name(int codePoint) {
        String name = NamedGroup.getName(codePoint);
        if ("UNKNOWN".equals(name) || "PRIVATE".equals(name)) {
            return String.format(Locale.ROOT, "0x%04X", codePoint);
        }
        return name;
    }

    static String names(Collection<Integer> codePoints) {
        return codePoints.stream().map(Groups::name).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The code point BCJSSE gives a group name, matched case-insensitively as BCJSSE does. */
    static Optional<Integer> codePoint(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    static String hybridNames() {
        return names(HYBRIDS.stream().sorted().collect(Collectors.toList()));
    }

    private static Map<String, Integer> indexByName() {
        Map<String, Integer> byName = new HashMap<>();
        for (int codePoint = 0; codePoint <= 0xFFFF; codePoint++) {
            String name = NamedGroup.getName(codePoint);
            if (!"UNKNOWN".equals(name) && !"PRIVATE".equals(name)) {
                byName.putIfAbsent(name.toLowerCase(Locale.ROOT), codePoint);
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
