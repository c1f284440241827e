package io.flotilla.security.quarkus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.security.Role;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns what a caller's identity says (an OpenID Connect token's groups or realm roles, or an API token's roles)
 * into Flotilla's roles and the roles they include, and the groups {@code flotilla.auth.oidc.tenants.*} names into the
 * tenants the caller is a member of ({@link CallerScope}). Made at start, so that a {@code flotilla.auth.oidc.*}
 * setting naming no role stops the service rather than failing its requests.
 */
@ApplicationScoped
@Startup
public class FlotillaRoles implements SecurityIdentityAugmentor {

    private final Map<Role, Set<String>> groupsGranting;
    /** Each tenant's name by the groups that make a caller its member. */
    private final Map<String, Set<String>> tenantGroups;

    FlotillaRoles(AuthConfig config) {
        this.groupsGranting = groupsGranting(config.oidc().roles());
        this.tenantGroups = tenantGroups(config.oidc().tenants());
    }

    static Map<String, Set<String>> tenantGroups(Map<String, String> configured) {
        Map<String, Set<String>> groups = new HashMap<>();
        configured.forEach((tenant, names) -> groups.put(tenant, List.of(names.split(",")).stream()
                .map(String::strip).filter(name -> !name.isEmpty()).collect(Collectors.toSet())));
        return Map.copyOf(groups);
    }

    static Map<Role, Set<String>> groupsGranting(Map<String, String> configured) {
        Map<Role, Set<String>> granting = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            granting.put(role, Set.of(role.id()));
        }
        configured.forEach((id, groups) -> {
            Role role = Role.named(id).orElseThrow(() -> new IllegalArgumentException("flotilla.auth.oidc.roles."
                    + id + ": '" + id + "' is not " + Role.choices()));
            Set<String> names = new HashSet<>(granting.get(role));
            List.of(groups.split(",")).stream().map(String::strip).filter(name -> !name.isEmpty()).forEach(names::add);
            granting.put(role, Set.copyOf(names));
        });
        return granting;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> groups = Set.copyOf(identity.getRoles());
        Set<Role> granted = EnumSet.noneOf(Role.class);
        groupsGranting.forEach((role, names) -> {
            if (names.stream().anyMatch(groups::contains)) {
                granted.add(role);
            }
        });
        Set<String> tenants = new HashSet<>(CallerScope.of(identity).tenants());
        tenantGroups.forEach((tenant, names) -> {
            if (names.stream().anyMatch(groups::contains)) {
                tenants.add(tenant);
            }
        });
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRoles(Role.idsIncluding(granted))
                .addAttribute(CallerScope.TENANTS, Set.copyOf(tenants))
                .build());
    }
}
