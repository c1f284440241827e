package io.flotilla.security;

import java.util.Set;

/**
 * One API token as configuration knows it: a name saying whose it is (shown as the caller, and in logs), its roles,
 * and the hash of the token ({@link TokenHash}); the token itself is known only to its holder.
 *
 * @param name  who holds it, such as {@code ci} or {@code local-admin}
 * @param roles what it may do; each includes the roles below it
 * @param hash  {@code sha256:<hex>} of the token
 */
public record ApiToken(String name, Set<Role> roles, String hash) {

    public ApiToken {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an API token needs a name");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("API token '" + name + "' has no role: give it " + Role.choices());
        }
        roles = Set.copyOf(roles);
        hash = TokenHash.parse(hash);
    }
}
