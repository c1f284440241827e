package io.flotilla.observer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.testing.oidc.KeycloakServer;
import io.flotilla.testing.oidc.KeycloakTestResource;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The dashboard's OpenID Connect login (authorization code flow, {@code quarkus.oidc.application-type=hybrid} as the
 * chart sets it) against a real Keycloak, started once for this class, with a browser's HTTP: cookies kept, redirects
 * followed, Keycloak's login form filled in. A user of a Flotilla group sees the dashboard, one without gets 403; the
 * dashboard's <em>Log out</em> ends the session at the provider too, so the next visit asks for the password again.
 */
@QuarkusTest
@TestProfile(OidcBrowserLoginTest.BrowserLogin.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
@WithTestResource(ReceiversTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class OidcBrowserLoginTest {

    /** Quarkus' cookie of a browser's OpenID Connect session (the default tenant's), in chunks when it is long. */
    private static final String SESSION_COOKIE = "q_session";
    private static final Pattern LOGOUT_FORM = Pattern.compile(
            "<form class=\"logout\" method=\"post\" action=\"([^\"]+)\"><button type=\"submit\">Log out</button>");

    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void anOperatorLogsInAtTheProviderAndSeesTheDashboard() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> loginPage = page(browser, "GET", URI.create(dashboard.toString()));
        assertThat(loginPage.uri().toString()).startsWith(KeycloakTestResource.server().issuer());

        HttpResponse<String> loggedIn = KeycloakServer.logIn(browser, loginPage, "olga", "olga-password");

        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(200);
        assertThat(loggedIn.uri().toString()).isEqualTo(dashboard.toString());
        assertThat(loggedIn.body()).contains("Flotilla").doesNotContain("kc-form-login");
        HttpResponse<String> clusters = browser.send(HttpRequest.newBuilder(dashboard.toURI().resolve("/api/clusters"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(clusters.statusCode()).as("the session goes on to the dashboard's next read: " + clusters.body())
                .isEqualTo(200);
    }

    @Test
    void aUserWithoutAFlotillaGroupLogsInButIsRefused() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> loginPage = page(browser, "GET", URI.create(dashboard.toString()));

        HttpResponse<String> refused = KeycloakServer.logIn(browser, loginPage, "nora", "nora-password");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("this needs the viewer role; nora has no Flotilla role");
    }

    @Test
    void loggingOutEndsTheSessionAtTheProviderSoTheNextVisitAsksForThePasswordAgain() throws Exception {
        BrowserCookies cookies = new BrowserCookies();
        HttpClient browser = browser(cookies);
        HttpResponse<String> loggedIn = KeycloakServer.logIn(browser, page(browser, "GET", dashboard.toURI()), "vic",
                "vic-password");
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(200);
        assertThat(cookies.names(dashboard.toURI())).anyMatch(name -> name.startsWith(SESSION_COOKIE));
        Matcher logOut = LOGOUT_FORM.matcher(loggedIn.body());
        assertThat(logOut.find()).as("the dashboard has a Log out button: " + loggedIn.body()).isTrue();

        HttpResponse<String> loggedOut = page(browser, "POST", dashboard.toURI().resolve(logOut.group(1)));

        assertThat(cookies.names(dashboard.toURI())).noneMatch(name -> name.startsWith(SESSION_COOKIE));
        assertThat(loggedOut.uri().toString()).as("back from the provider's logout, at its login form")
                .startsWith(KeycloakTestResource.server().issuer());
        assertThat(loggedOut.body()).contains("kc-form-login");
        HttpResponse<String> nextVisit = page(browser, "GET", dashboard.toURI());
        assertThat(nextVisit.uri().toString()).as("no silent login: the provider's session is gone")
                .startsWith(KeycloakTestResource.server().issuer());
        assertThat(nextVisit.body()).contains("kc-form-login").doesNotContain("Log out");
    }

    @Test
    void aWrongPasswordStaysAtTheProvider() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> loginPage = page(browser, "GET", URI.create(dashboard.toString()));

        HttpResponse<String> refused = KeycloakServer.logIn(browser, loginPage, "olga", "guessed");

        assertThat(refused.uri().toString()).startsWith(KeycloakTestResource.server().issuer());
        assertThat(refused.body()).contains("kc-form-login").contains("Invalid username or password");
    }

    /** A browser: its own cookies, redirects followed. */
    private static HttpClient browser() {
        return browser(new BrowserCookies());
    }

    private static HttpClient browser(BrowserCookies cookies) {
        return HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.ALWAYS)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Cookies as a browser keeps them: like the JDK's {@link CookieManager}, except that {@code http://localhost} and
     * loopback addresses count as secure, as browsers treat them (potentially trustworthy origins). Keycloak marks its
     * login cookies ({@code AUTH_SESSION_ID}, {@code KC_RESTART}, {@code SameSite=None}) {@code Secure} over HTTP too;
     * the plain {@link CookieManager} never sends them back over HTTP, and Keycloak answers the login form with 400
     * {@code cookie_not_found}.
     */
    private static final class BrowserCookies extends CookieHandler {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return cookies.get(trustworthy(uri) ? secure(uri) : uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            cookies.put(uri, responseHeaders);
        }

        /** The names of the cookies kept for {@code uri}'s site. */
        List<String> names(URI uri) {
            return cookies.getCookieStore().get(uri).stream().map(HttpCookie::getName).toList();
        }

        private static boolean trustworthy(URI uri) {
            return "localhost".equalsIgnoreCase(uri.getHost()) || uri.getHost().startsWith("127.")
                    || "[::1]".equals(uri.getHost());
        }

        private static URI secure(URI uri) {
            try {
                return new URI("https", uri.getUserInfo(), uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                        null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(uri + " as https", e);
            }
        }
    }

    private static HttpResponse<String> page(HttpClient browser, String method, URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).header("Accept", "text/html")
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The observer as the chart runs it with OpenID Connect: logins at the provider for browsers. */
    public static final class BrowserLogin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.application-type", "hybrid");
        }
    }
}
