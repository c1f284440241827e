package io.flotilla.security.quarkus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.flotilla.security.AccessRules;
import io.flotilla.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one check every HTTP request of a service passes, REST, dashboard, event stream and metrics alike: the role
 * its method and path need ({@link AccessRules} from {@code flotilla.auth.open} and {@code flotilla.auth.operator}),
 * against the caller's. No identity, or a token no one accepts, is a 401 (a browser is sent to log in instead: to
 * OpenID Connect when configured, else to {@code flotilla.auth.login-page}); too small a role is a 403 that names
 * the role needed; a tenant's member ({@link CallerScope}) calling a path outside {@code flotilla.auth.member-paths} is
 * a 403 saying the path is the platform team's. Runs after Quarkus has read the credentials and before any resource.
 * <p>
 * The OpenID Connect logout path ({@code quarkus.oidc.logout.path}, open to anyone) is the one open path where the
 * gate asks who calls: Quarkus ends a browser's session while it authenticates it, so only a request whose identity
 * is asked for reaches the provider's end-session endpoint.
 */
@ApplicationScoped
public class AccessGate {

    private static final Logger LOG = Logger.getLogger(AccessGate.class);

    private final AccessRules rules;
    private final Optional<String> loginPage;
    private final boolean oidcLogin;
    private final Optional<String> oidcLogout;
    private final boolean enabled;

    AccessGate(AuthConfig config) {
        this.enabled = config.enabled();
        this.rules = AccessRules.of(config.open().orElse(List.of()), config.operator().orElse(List.of()),
                config.memberPaths().orElse(List.of()));
        this.loginPage = config.loginPage();
        this.oidcLogin = oidcLogin();
        this.oidcLogout = oidcLogin ? ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.logout.path",
                String.class) : Optional.empty();
    }

    /** Whether an OpenID Connect provider is configured to log browsers in (code flow). */
    private static boolean oidcLogin() {
        var config = ConfigProvider.getConfig();
        boolean enabled = config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true)
                && config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).isPresent();
        String type = config.getOptionalValue("quarkus.oidc.application-type", String.class).orElse("service");
        return enabled && (type.equalsIgnoreCase("web-app") || type.equalsIgnoreCase("hybrid"));
    }

    void install(@Observes Router router) {
        if (!enabled) {
            LOG.warn("AUTHENTICATION IS OFF (flotilla.auth.enabled=false): anyone who reaches this service may call"
                    + " every endpoint with every role. For benchmarks only; remove the setting to turn it back on.");
        }
        // Filters run at minus their priority: this runs after Quarkus has set the (deferred) identity and before
        // every route, the management ones under /q included.
        router.route().order(-SecurityHandlerPriorities.AUTHORIZATION + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        Uni<SecurityIdentity> identity = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (!enabled) {
            passOnceKnown(context, identity);
            return;
        }
        Optional<Role> needed = rules.needed(context.request().method().name(), context.normalizedPath());
        if (needed.isEmpty()) {
            if (oidcLogout.filter(context.normalizedPath()::equals).isPresent()) {
                passOnceKnown(context, identity);
            } else {
                context.next();
            }
            return;
        }
        if (identity == null) {
            Refusal.send(context, 401, "authentication is not set up on this path; no request passes");
            return;
        }
        context.request().pause();
        identity.subscribe().with(caller -> {
            context.request().resume();
            decide(context, caller, needed.get());
        }, failure -> {
            context.request().resume();
            // OpenID Connect refusing a token: usually answered already with its challenge.
            LOG.debugf("refused %s %s: %s", context.request().method(), context.normalizedPath(), failure.toString());
            unauthenticated(context, "the token is not valid here (" + failure.getMessage() + ")");
        });
    }

    /**
     * Passes the request on once its identity is known, whoever it is. On the OpenID Connect logout path,
     * authenticating a browser's session ends it: Quarkus removes the session cookie and answers with the redirect to
     * the provider's end-session endpoint (RP-initiated logout, back to {@code quarkus.oidc.logout.post-logout-path});
     * any other caller, one logged in with an API token's cookie or no one, goes on to the service's own logout. With
     * authentication off, the resources that read the caller's tenants on the event loop, where an identity not yet
     * known cannot be waited for, find it known (anonymous for a request without credentials).
     */
    private static void passOnceKnown(RoutingContext context, Uni<SecurityIdentity> identity) {
        if (identity == null) {
            context.next();
            return;
        }
        context.request().pause();
        identity.subscribe().with(caller -> {
            context.request().resume();
            context.next();
        }, failure -> {
            context.request().resume();
            if (!context.response().ended()) {
                LOG.debugf("%s %s of a caller who did not authenticate: %s", context.request().method(),
                        context.normalizedPath(), failure.toString());
                context.next();
            }
        });
    }

    private void decide(RoutingContext context, SecurityIdentity caller, Role needed) {
        if (caller.isAnonymous()) {
            String refused = caller.getAttribute(ApiTokenMechanism.REFUSED_ATTRIBUTE);
            unauthenticated(context, refused != null ? refused
                    : "this needs the " + needed.id() + " role: send 'Authorization: Bearer <token>'");
        } else if (!caller.hasRole(needed.id())) {
            Refusal.send(context, 403, "this needs the " + needed.id() + " role; " + caller.getPrincipal().getName()
                    + " has " + held(caller));
        } else if (!CallerScope.of(caller).wholeFleet()
                && !rules.memberMay(context.request().method().name(), context.normalizedPath())) {
            Refusal.send(context, 403, caller.getPrincipal().getName() + " is a member of "
                    + CallerScope.of(caller).describe() + " and sees and acts on its releases only; this is the"
                    + " platform team's");
        } else {
            context.next();
        }
    }

    private static String held(SecurityIdentity caller) {
        for (Role role : List.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER)) {
            if (caller.hasRole(role.id())) {
                return "only " + role.id();
            }
        }
        return "no Flotilla role";
    }

    private void unauthenticated(RoutingContext context, String message) {
        if (wantsPage(context)) {
            if (oidcLogin) {
                HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
                if (authenticator != null) {
                    // The provider's challenge (a redirect to its login) is set but not sent: sent as it is.
                    authenticator.sendChallenge(context).subscribe().with(sent -> {
                        if (sent && !context.response().ended()) {
                            context.response().end();
                        } else {
                            Refusal.send(context, 401, message);
                        }
                    }, failure -> Refusal.send(context, 401, message));
                    return;
                }
            }
            if (loginPage.isPresent()) {
                String then = context.request().uri();
                context.response().setStatusCode(303).putHeader("Location", loginPage.get() + "?then="
                        + URLEncoder.encode(then, StandardCharsets.UTF_8)).end();
                return;
            }
        }
        Refusal.send(context, 401, message);
    }

    /** A browser asking for a page, which a login serves better than a 401. */
    private static boolean wantsPage(RoutingContext context) {
        String accept = context.request().getHeader("Accept");
        return "GET".equals(context.request().method().name()) && accept != null && accept.contains("text/html");
    }

}
