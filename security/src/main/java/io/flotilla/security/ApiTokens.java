package io.flotilla.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API tokens a service accepts, found by the hash of what a caller presents: a presented token is hashed once and
 * looked up, so its bytes are never compared one by one with a stored value.
 */
public final class ApiTokens {

    private final Map<String, ApiToken> byHash;

    private ApiTokens(Map<String, ApiToken> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /**
     * The given tokens, each hash once.
     *
     * @throws IllegalArgumentException when two names share a hash: a token may not hold two sets of roles
     */
    public static ApiTokens of(Collection<ApiToken> tokens) {
        Map<String, ApiToken> byHash = new HashMap<>();
        for (ApiToken token : tokens) {
            ApiToken before = byHash.putIfAbsent(token.hash(), token);
            if (before != null && !before.name().equals(token.name())) {
                throw new IllegalArgumentException("API tokens '" + before.name() + "' and '" + token.name()
                        + "' have the same hash: give each holder a token of its own");
            }
        }
        return new ApiTokens(byHash);
    }

    /** The token {@code presented} is, if it is one of these. */
    public Optional<ApiToken> find(String presented) {
        return Optional.ofNullable(byHash.get(TokenHash.of(presented)));
    }

    public int size() {
        return byHash.size();
    }
}
