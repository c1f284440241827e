package io.flotilla.security.quarkus;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.security.TokenHash;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads an API token from {@code Authorization: Bearer flt_...}, else from the dashboard's {@value #COOKIE} cookie.
 * A bearer token of another shape is left to OpenID Connect's mechanism, which runs after this one. It sends no
 * challenge of its own: {@link AccessGate} answers 401 with a message, or has a browser log in.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    /** The dashboard's login cookie: the token, HttpOnly and SameSite=Strict. */
    public static final String COOKIE = "flotilla-token";
    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = presented(context);
        if (!TokenHash.isApiToken(token)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new ApiTokenRequest(token));
    }

    private static String presented(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null) {
            return authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).strip() : null;
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(false);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    /** Before OpenID Connect's bearer mechanism, which would refuse a token it cannot parse. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
