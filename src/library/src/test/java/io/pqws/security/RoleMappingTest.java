package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pqws.config.PqwsSettings;

/** Roles of a user from the pqws.roles.* settings; everyone has pqws-user. */
class RoleMappingTest {

    private final RoleMapping roles = new RoleMapping(PqwsSettings.from(Map.of(
            "pqws.roles.pqws-publisher", "CN=portal,O=example",
            "pqws.roles.ops", "CN=portal, O=example|CN=bob,O=example")).access());

    @Test
    void everyUserHasTheUserRoleAndTheMappedOnes() {
        assertEquals(Set.of("pqws-user", "pqws-publisher", "ops"), roles.rolesOf("CN=portal,O=example"));
        assertEquals(Set.of("pqws-user", "ops"), roles.rolesOf("CN=bob,O=example"));
        assertEquals(Set.of("pqws-user"), roles.rolesOf("CN=stranger,O=example"));
    }

    @Test
    void theMembersOfARoleAreListed() {
        assertEquals(Set.of("CN=portal,O=example", "CN=bob,O=example"), roles.membersOf("ops"));
        assertEquals(Set.of(), roles.membersOf("pqws-user"));
    }
}
