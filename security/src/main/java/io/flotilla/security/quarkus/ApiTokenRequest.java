package io.flotilla.security.quarkus;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API token a caller presented, for {@link ApiTokenIdentityProvider} to find. */
final class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    ApiTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
