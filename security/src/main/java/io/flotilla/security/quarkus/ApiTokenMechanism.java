package io.flotilla.security.quarkus;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.security.TokenHash;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads an API token from {@code Authorization: Bearer flt_...}, else from the dashboard's {@value #COOKIE} cookie.
 * A bearer token of another shape is left to OpenID Connect's mechanism, which runs after this one. It sends no
 * challenge of its own: {@link AccessGate} answers 401 with a message (why a token was refused, or what
 * to send), or has a browser log in.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    /** The dashboard's login cookie: the token, HttpOnly and SameSite=Strict. */
    public static final String COOKIE = "flotilla-token";
    private static final String BEARER = "bearer ";
    /** On an anonymous identity: why the API token it presented was refused. */
    static final String REFUSED_ATTRIBUTE = "flotilla.refused";
    static final String REFUSED = "the API token is not one this service accepts: ask for a token, or check that "
            + "its hash is in flotilla.auth.*";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = presented(context);
        if (!TokenHash.isApiToken(token)) {
            return Uni.createFrom().nullItem();
        }
        // A refused API token is an anonymous caller who is told why, never a token for OpenID Connect to try.
        return identities.authenticate(new ApiTokenRequest(token))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(failure -> QuarkusSecurityIdentity
                        .builder().setAnonymous(true).addAttribute(REFUSED_ATTRIBUTE, failure.getMessage()).build());
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
