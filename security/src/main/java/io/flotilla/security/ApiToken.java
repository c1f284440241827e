package io.flotilla.security;

import java.util.Set;

/**
 * One API token as configuration knows it: a name saying whose it is (shown as the caller, and in logs), its roles,
 * and the hash of the token ({@link TokenHash}); the token itself is known only to its holder.
 *
 * @param name  who holds it, such as {@code ci} or {@code local-admin}
 * @param roles what it may do; each includes the roles below it
 * @param hash  {@code sha256:<hex>} of the token
 * @param tenants the tenants whose releases alone the holder sees and acts on; empty for the whole fleet
 */
public record ApiToken(String name, Set<Role> roles, String hash, Set<String> tenants) {

    /** A token of the platform team's: the whole fleet. */
    public ApiToken(String name, Set<Role> roles, String hash) {
        this(name, roles, hash, Set.of());
    }

    public ApiToken {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an API token needs a name");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("API token '" + name + "' has no role: give it " + Role.choices());
        }
        roles = Set.copyOf(roles);
        hash = TokenHash.parse(hash);
        tenants = tenants == null ? Set.of() : Set.copyOf(tenants);
        if (tenants.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("API token '" + name + "' names a tenant without a name");
        }
    }
}
