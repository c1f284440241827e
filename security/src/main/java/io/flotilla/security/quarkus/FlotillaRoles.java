package io.flotilla.security.quarkus;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * into Flotilla's roles and the roles they include. The identity's groups as the provider gave them are kept as the
 * {@value #GROUPS} attribute, for rules about who sees what beyond the three roles (tenants). Made at start, so that
 * a {@code flotilla.auth.oidc.roles.<role>} naming no role stops the service rather than failing its requests.
 */
@ApplicationScoped
@Startup
public class FlotillaRoles implements SecurityIdentityAugmentor {

    /** The attribute holding the caller's groups as the identity provider named them: a {@code Set<String>}. */
    public static final String GROUPS = "flotilla.groups";

    private final Map<Role, Set<String>> groupsGranting;

    FlotillaRoles(AuthConfig config) {
        this.groupsGranting = groupsGranting(config.oidc().roles());
    }

    static Map<Role, Set<String>> groupsGranting(Map<String, String> configured) {
        Map<Role, Set<String>> granting = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            granting.put(role, Set.of(role.id()));
        }
        configured.forEach((id, groups) -> {
            Role role = Role.named(id).orElseThrow(() -> new IllegalArgumentException("flotilla.auth.oidc.roles."
                    + id + ": '" + id + "' is not " + Role.choices()));
            Set<String> names = new java.util.HashSet<>(granting.get(role));
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
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRoles(Role.idsIncluding(granted))
                .addAttribute(GROUPS, groups)
                .build());
    }
}
