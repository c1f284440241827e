package io.flotilla.applier.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The applier's API asks who calls it, as a user meets it: no token or a token no one issued is a 401, a viewer
 * reads but may not act on releases (403 naming the operator role), an operator may, health is open to all.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class WhoMayCallTheApplierTest {

    @Test
    void withoutATokenNothingButHealthAnswers() {
        RestAssured.given().get("/api/suspensions").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("message", equalTo("this needs the viewer role: send 'Authorization: Bearer <token>'"));
        RestAssured.given().contentType("application/json").body("{\"all\": true}").post("/api/reconcile")
                .then().statusCode(401);
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aTokenNoOneIssuedIsRefused() {
        TestTokens.as("flt_" + "not-a-token-anyone-was-given").get("/api/suspensions").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("message", startsWith("the API token is not one this service accepts"));
        // Not an API token and no OpenID Connect provider configured: nobody vouches for it.
        TestTokens.as("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").get("/api/suspensions").then().statusCode(401);
        RestAssured.given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/suspensions")
                .then().statusCode(401);
    }

    @Test
    void aViewerReadsButMayNotActOnReleases() {
        TestTokens.as(TestTokens.VIEWER).get("/api/suspensions").then().statusCode(200);
        TestTokens.as(TestTokens.VIEWER).contentType("application/json").body("{\"all\": true}").post("/api/reconcile")
                .then().statusCode(403)
                .body("message", equalTo("this needs the operator role; test-viewer has only viewer"));
        TestTokens.as(TestTokens.VIEWER).get("/api/releases/dev/apps/none/diff").then().statusCode(403);
    }

    @Test
    void anOperatorActsOnReleases() {
        TestTokens.as(TestTokens.OPERATOR).contentType("application/json").body("{\"cluster\": \"dev\"}")
                .post("/api/reconcile").then().statusCode(202).body("$", hasKey("queued"));
    }
}
