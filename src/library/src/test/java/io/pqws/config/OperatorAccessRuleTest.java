package io.pqws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Who may read the operator pages: each rule with a client it lets in and one it keeps out. */
class OperatorAccessRuleTest {

    private static boolean allows(String rule, String client) {
        return OperatorAccessRule.parse(rule).allows(client);
    }

    @Test
    void loopbackByDefaultLetsInBothLoopbacksAndNothingElse() {
        assertTrue(allows(OperatorAccessRule.DEFAULT, "127.0.0.1"));
        assertTrue(allows(OperatorAccessRule.DEFAULT, "127.8.9.10"));
        assertTrue(allows(OperatorAccessRule.DEFAULT, "::1"));
        assertFalse(allows(OperatorAccessRule.DEFAULT, "192.0.2.7"));
        assertFalse(allows(OperatorAccessRule.DEFAULT, "2001:db8::1"));
    }

    @Test
    void rangesMatchOnTheirPrefixOnly() {
        assertTrue(allows("10.1.0.0/16", "10.1.255.3"));
        assertFalse(allows("10.1.0.0/16", "10.2.0.1"));
        assertTrue(allows("192.0.2.128/25", "192.0.2.200"));
        assertFalse(allows("192.0.2.128/25", "192.0.2.100"));
        assertTrue(allows("2001:db8::/32", "2001:db8:ffff::1"));
        assertFalse(allows("2001:db8::/32", "2001:db9::1"));
        assertTrue(allows("192.0.2.7", "192.0.2.7"));
        assertFalse(allows("192.0.2.7", "192.0.2.8"));
        assertTrue(allows("10.0.0.0/8", "::ffff:a00:1"), "an IPv4-mapped IPv6 address is its IPv4 client");
        assertFalse(allows("10.0.0.0/8", "2001:db8::a00:1"), "an IPv6 client is not in an IPv4 range");
    }

    @Test
    void loopbackIsNotImpliedByARange() {
        assertFalse(allows("10.0.0.0/8", "127.0.0.1"));
        assertTrue(allows("loopback, 10.0.0.0/8", "127.0.0.1"));
    }

    @Test
    void anyLetsInEveryone() {
        assertTrue(allows("any", "203.0.113.9"));
    }

    @Test
    void aPeerThatIsNotAnAddressIsNeverLetIn() {
        assertFalse(allows("any", "/run/payara.sock"));
        assertFalse(allows("any", "localhost"), "a name is never looked up");
    }

    @Test
    void invalidRulesFailWithTheEntryNamed() {
        assertEquals("'example.com' is not an IPv4 or IPv6 address literal "
                + "(expected loopback, any, an address or an address range such as 10.0.0.0/8)",
                assertThrows(IllegalArgumentException.class, () -> OperatorAccessRule.parse("example.com"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> OperatorAccessRule.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> OperatorAccessRule.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> OperatorAccessRule.parse(""));
        assertThrows(IllegalArgumentException.class, () -> OperatorAccessRule.parse("loopback,,10.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> OperatorAccessRule.parse("any,loopback"));
        assertThrows(IllegalArgumentException.class, () -> OperatorAccessRule.parse("300.1.1.1"));
    }
}
