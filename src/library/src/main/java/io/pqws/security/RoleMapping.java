package io.pqws.security;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.pqws.config.AccessSettings;
import io.pqws.config.PqwsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The roles (Jakarta Security groups) of a user, from the {@code pqws.roles.<role>} settings.
 *
 * <p>Why a mapping in the settings: the module authenticates a client certificate or a ticket, but who may publish
 * notifications or issue tickets for others is the portal operator's decision. Every authenticated user has
 * {@link PqwsSettings#USER_ROLE}; a portal with its own identity store replaces this bean's source, not its callers.
 */
@ApplicationScoped
public class RoleMapping {

    private final Map<String, Set<String>> members;

    /** For the CDI proxy only. */
    protected RoleMapping() {
        this.members = Map.of();
    }

    @Inject
    public RoleMapping(PqwsSettings settings) {
        this(settings.access());
    }

    RoleMapping(AccessSettings access) {
        this.members = access.roleMembers();
    }

    /** The roles of a user, given by canonical name; always includes {@link PqwsSettings#USER_ROLE}. */
    public Set<String> rolesOf(String canonicalName) {
        Set<String> roles = new TreeSet<>();
        roles.add(PqwsSettings.USER_ROLE);
        members.forEach((role, names) -> {
            if (names.contains(canonicalName)) {
                roles.add(role);
            }
        });
        return roles;
    }

    /** The users the settings name for a role; empty for {@link PqwsSettings#USER_ROLE}, which everyone has. */
    public Set<String> membersOf(String role) {
        return new LinkedHashSet<>(members.getOrDefault(role, Set.of()));
    }
}
