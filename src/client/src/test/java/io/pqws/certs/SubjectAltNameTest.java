package io.pqws.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and canonical forms: what the user types must compare equal to what the JDK reads from a certificate. */
class SubjectAltNameTest {

    @Test
    void bareValuesAreIpLiteralsOrDnsNames() {
        assertEquals(new SubjectAltName(SubjectAltName.Kind.IP, "192.0.2.1"), SubjectAltName.parse("192.0.2.1"));
        assertEquals(new SubjectAltName(SubjectAltName.Kind.DNS, "pqws.test"), SubjectAltName.parse("pqws.test"));
    }

    @Test
    void prefixesAreCaseInsensitiveAndNamesLowerCase() {
        assertEquals(SubjectAltName.parse("DNS:pqws.test"), SubjectAltName.parse("dns:PQWS.Test"));
        assertEquals(SubjectAltName.parse("IP:127.0.0.1"), SubjectAltName.parse("ip:127.0.0.1"));
    }

    @Test
    void ipv6IsCanonicalAsTheJdkPrintsIt() {
        assertEquals("IP:0:0:0:0:0:0:0:1", SubjectAltName.parse("::1").toString());
        assertEquals(SubjectAltName.parse("IP:::1"), SubjectAltName.parse("IP:0:0:0:0:0:0:0:1"));
    }

    @Test
    void wildcardLabelIsAllowedFirstOnly() {
        assertEquals("DNS:*.pqws.test", SubjectAltName.parse("*.pqws.test").toString());
        assertThrows(IllegalArgumentException.class, () -> SubjectAltName.parse("pqws.*.test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "DNS:", "under_score.test", "-leading.test", "trailing-.test", "a..b", "IP:pqws.test",
        "IP:1.2.3.4.5", "IP:10.0.0.0/8"})
    void invalidNamesAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> SubjectAltName.parse(text));
    }
}
