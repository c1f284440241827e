package io.flotilla.security.quarkus;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.security.ApiTokens;
import io.flotilla.security.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Who an API token is: the configured token with that hash, named as configured, with its roles and the roles they
 * include, and the tenants it is a member of ({@link CallerScope}). The token stays on the identity as a bearer credential, so a service acting for the caller
 * ({@link CallerToken}) presents the same token. A token no one configured is refused.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    private final ApiTokens tokens;

    ApiTokenIdentityProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        return tokens.find(request.token())
                .<Uni<SecurityIdentity>>map(token -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(token.name()))
                        .addRoles(Role.idsIncluding(token.roles()))
                        .addCredential(new TokenCredential(request.token(), CallerToken.BEARER))
                        .addAttribute(CallerScope.TENANTS, token.tenants())
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException(
                        ApiTokenMechanism.REFUSED)));
    }
}
