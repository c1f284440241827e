package io.flotilla.observer.api;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.flotilla.observer.dashboard.LoginPage;
import io.flotilla.security.ApiTokens;
import io.flotilla.security.quarkus.ApiTokenMechanism;

/**
 * Logging in to the dashboard with an API token, where no OpenID Connect provider does it: {@code GET /login} shows
 * the form, {@code POST /login} checks the token and keeps it in an HttpOnly, SameSite=Strict cookie (so no script
 * reads it and no other site's form sends it), {@code POST /logout} forgets it. The token's roles are the person's:
 * a viewer's login shows the pages and refuses the actions.
 */
@Path("/")
public class LoginResource {

    private final ApiTokens tokens;

    public LoginResource(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public String form(@QueryParam("then") String then) {
        return LoginPage.render(local(then), null);
    }

    @POST
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("token") String token, @FormParam("then") String then, @Context UriInfo uri) {
        String presented = token == null ? "" : token.strip();
        if (presented.isEmpty() || tokens.find(presented).isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(LoginPage.render(local(then), "That token is not one Flotilla accepts.")).build();
        }
        return Response.seeOther(URI.create(local(then))).cookie(cookie(presented, uri, -1)).build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context UriInfo uri) {
        return Response.seeOther(URI.create("/login")).cookie(cookie("", uri, 0)).build();
    }

    private static NewCookie cookie(String value, UriInfo uri, int maxAge) {
        return new NewCookie.Builder(ApiTokenMechanism.COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure("https".equals(uri.getRequestUri().getScheme()))
                .maxAge(maxAge).build();
    }

    /**
     * Only a path of this site, one a {@code Location} can carry: a login never sends anyone elsewhere, and a
     * {@code then} that is no URI at all goes to the fleet rather than failing the login.
     */
    static String local(String then) {
        if (then == null || !then.startsWith("/") || then.startsWith("//") || then.startsWith("/\\")) {
            return "/";
        }
        try {
            URI uri = new URI(then);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? then : "/";
        } catch (URISyntaxException e) {
            return "/";
        }
    }
}
