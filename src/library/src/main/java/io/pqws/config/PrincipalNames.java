package io.pqws.config;

import javax.security.auth.x500.X500Principal;

/**
 * The one spelling of a user's name that the module compares: a certificate subject in RFC 2253 form
 * ({@code CN=alice,O=pqws dev}), any other name as given.
 *
 * <p>Why: the same subject is written {@code CN=alice, O=pqws dev} by one tool and {@code CN=alice,O=pqws dev} by
 * another; the role mapping in the settings, the principal of a client certificate and the user a notification is
 * addressed to must all mean the same person.
 */
public final class PrincipalNames {

    private PrincipalNames() {
    }

    /** The canonical form; an X.500 name that does not parse is refused with {@link IllegalArgumentException}. */
    public static String canonical(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (!trimmed.contains("=")) {
            return trimmed;
        }
        try {
            return new X500Principal(trimmed).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid X.500 name (e.g. CN=alice,O=example)");
        }
    }

    /** The canonical name of a certificate subject. */
    public static String of(X500Principal subject) {
        return subject.getName(X500Principal.RFC2253);
    }
}
