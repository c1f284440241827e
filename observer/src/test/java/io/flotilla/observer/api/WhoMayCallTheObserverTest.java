package io.flotilla.observer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.testing.http.RecordingReceiver;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/**
 * The observer asks who calls it, its API, dashboard, event stream and metrics alike: a script without a token gets
 * 401, a browser is sent to the login form, whose cookie then carries the token (HttpOnly, SameSite=Strict); a viewer
 * sees but may not act, an operator may not register clusters; the dashboard's actions reach the applier with the
 * caller's own token.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class WhoMayCallTheObserverTest {

    @Test
    void withoutATokenOnlyHealthAndTheLoginFormAnswer() {
        for (String path : new String[] {"/api/releases", "/api/events", "/q/metrics", "/"}) {
            RestAssured.given().get(path).then().statusCode(401)
                    .body("message", equalTo("this needs the viewer role: send 'Authorization: Bearer <token>'"));
        }
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        RestAssured.given().get("/login").then().statusCode(200).body(containsString("API token"));
        TestTokens.as(TestTokens.VIEWER).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aBrowserLogsInWithATokenAndItsCookieOpensTheDashboard() {
        RestAssured.given().redirects().follow(false).accept("text/html").get("/clusters/dev").then()
                .statusCode(303).header("Location", "/login?then=%2Fclusters%2Fdev");

        Response refused = RestAssured.given().redirects().follow(false).formParam("token", "flt_guessed")
                .formParam("then", "/").post("/login");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body().asString()).contains("That token is not one Flotilla accepts.");
        assertThat(refused.getDetailedCookie("flotilla-token")).isNull();

        Response login = RestAssured.given().redirects().follow(false).formParam("token", TestTokens.VIEWER)
                .formParam("then", "https://elsewhere.example/").post("/login");
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.header("Location")).endsWith("/");
        Cookie cookie = login.getDetailedCookie("flotilla-token");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(cookie.isSecured()).as("called over plain HTTP").isFalse();
        Cookie claimed = RestAssured.given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .header("Forwarded", "proto=https").formParam("token", TestTokens.VIEWER).post("/login")
                .getDetailedCookie("flotilla-token");
        assertThat(claimed.isSecured()).as("a client's X-Forwarded-Proto, without quarkus.http.proxy.* enabled")
                .isFalse();

        RestAssured.given().cookie(cookie).accept("text/html").get("/").then().statusCode(200)
                .body(containsString("Flotilla"));
        RestAssured.given().cookie(cookie).redirects().follow(false).formParam("reason", "x")
                .post("/releases/dev/apps/web/actions/suspend").then().statusCode(403)
                .body("message", equalTo("this needs the operator role; test-viewer has only viewer"));

        Response logout = RestAssured.given().cookie(cookie).redirects().follow(false).post("/logout");
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.getDetailedCookie("flotilla-token").getValue()).isEmpty();
    }

    @Test
    void anOperatorActsOnReleasesAsThemselvesButMayNotRegisterClusters() {
        RecordingReceiver applier = ReceiversTestResource.receiver();

        Response acted = TestTokens.as(TestTokens.OPERATOR).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").post("/releases/dev/as-operator/web/actions/reconcile");

        assertThat(acted.statusCode()).isEqualTo(303);
        assertThat(applier.to("/applier/api/reconcile")).filteredOn(request -> request.body().contains("as-operator"))
                .extracting(request -> request.headers().get("authorization"))
                .containsExactly(TestTokens.bearer(TestTokens.OPERATOR));
        TestTokens.as(TestTokens.OPERATOR).contentType("application/json")
                .body("{\"name\": \"new\", \"kubeconfig\": \"x\"}").post("/api/clusters").then().statusCode(403)
                .body("message", equalTo("this needs the admin role; test-operator has only operator"));
        TestTokens.as(TestTokens.OPERATOR).delete("/api/clusters/dev").then().statusCode(403);
    }
}
