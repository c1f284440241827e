package io.flotilla.security.quarkus;

import java.util.Optional;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The bearer token a caller proved who they are with (an API token, or an OpenID Connect access token, from a header
 * or a login), for a service that calls another on the caller's behalf: the dashboard's release actions reach the
 * applier as the person who clicked, with that person's roles, never with more.
 */
public final class CallerToken {

    /** The type of the credential an API token or an OpenID Connect access token is kept as. */
    static final String BEARER = "bearer";

    private CallerToken() {
    }

    /** The caller's bearer token; empty for an anonymous caller. */
    public static Optional<String> of(SecurityIdentity caller) {
        return caller.getCredentials().stream()
                .filter(TokenCredential.class::isInstance).map(TokenCredential.class::cast)
                .filter(credential -> BEARER.equals(credential.getType()))
                .map(TokenCredential::getToken).findFirst();
    }
}
