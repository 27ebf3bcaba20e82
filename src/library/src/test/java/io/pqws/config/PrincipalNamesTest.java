package io.pqws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

/** One spelling per person: certificate subjects in RFC 2253 form, other names as given. */
class PrincipalNamesTest {

    @Test
    void certificateSubjectsAreCanonical() {
        assertEquals("CN=alice,O=pqws dev", PrincipalNames.canonical("CN=alice, O=pqws dev"));
        assertEquals("CN=alice,O=pqws dev", PrincipalNames.of(new X500Principal("CN=alice, O=pqws dev")));
        assertEquals("alice@example.com", PrincipalNames.canonical(" alice@example.com "));
    }

    @Test
    void emptyOrBrokenNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PrincipalNames.canonical("  "));
        assertThrows(IllegalArgumentException.class, () -> PrincipalNames.canonical("CN=a,=b"));
    }
}
