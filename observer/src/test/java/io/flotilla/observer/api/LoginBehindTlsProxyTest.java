package io.flotilla.observer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;

/**
 * The observer behind a proxy that ends TLS (an Ingress), with proxy forwarding enabled as the chart does
 * ({@code quarkus.http.proxy.*}, here {@code Forwarded} allowed too): the login cookie is Secure when the proxy says the browser called over HTTPS
 * ({@code X-Forwarded-Proto} or {@code Forwarded}), and not when it says HTTP.
 */
@QuarkusTest
@TestProfile(LoginBehindTlsProxyTest.ProxyForwarding.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class LoginBehindTlsProxyTest {

    @Test
    void theLoginCookieIsSecureWhenTheProxySaysTheBrowserCalledOverHttps() {
        assertThat(loginCookie("X-Forwarded-Proto", "https").isSecured()).isTrue();
        assertThat(loginCookie("X-Forwarded-Proto", "http").isSecured()).isFalse();

        Cookie loggedOut = RestAssured.given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .post("/logout").getDetailedCookie("flotilla-token");
        assertThat(loggedOut.isSecured()).isTrue();
        assertThat(loggedOut.getValue()).isEmpty();
    }

    @Test
    void theStandardForwardedHeaderCountsToo() {
        assertThat(loginCookie("Forwarded", "for=198.51.100.7;proto=https").isSecured()).isTrue();
    }

    private static Cookie loginCookie(String header, String value) {
        Cookie cookie = RestAssured.given().redirects().follow(false).header(header, value)
                .formParam("token", TestTokens.VIEWER).formParam("then", "/").post("/login")
                .getDetailedCookie("flotilla-token");
        assertThat(cookie).as("a cookie after a login with " + header + ": " + value).isNotNull();
        return cookie;
    }

    /** What the chart sets behind its Ingress, and the standard Forwarded header that other proxies send. */
    public static final class ProxyForwarding implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.allow-forwarded", "true");
        }
    }
}
