package io.pqws.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.pqws.tls.NamedGroups;

/**
 * Turns user-typed named group lists into the canonical names BCJSSE understands, or says exactly what is wrong.
 *
 * <p>Why: BCJSSE silently drops a named group it does not recognise (it only logs), so a typo such as
 * {@code X25519MLKEM786} would quietly weaken a security profile. A profile must fail loudly instead.
 */
final class GroupNames {

    private static final String EXAMPLES = "X25519MLKEM768, SecP256r1MLKEM768, x25519, secp256r1, secp384r1";

    private GroupNames() {
    }

    /** The canonical spelling of a group name known to {@link NamedGroups}. */
    static String canonical(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty named group name");
        }
        return NamedGroups.codePointOf(trimmed)
                .map(NamedGroups::nameOf)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown named group '" + trimmed + "' (known names include " + EXAMPLES + ")"));
    }

    /** Canonical names of a list, rejecting unknown names and duplicates. */
    static List<String> canonicalList(List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            String canonical = canonical(name);
            if (!seen.add(canonical)) {
                throw new IllegalArgumentException("named group '" + canonical + "' is listed twice");
            }
        }
        return List.copyOf(seen);
    }

    /** Splits a comma-separated list as typed on the command line ({@code "X25519MLKEM768, x25519"}). */
    static List<String> split(String commaSeparated) {
        List<String> names = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            names.add(part.strip());
        }
        return names;
    }
}
