package io.flotilla.gitwatcher;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Who may see and change the sources git-watcher fetches: a viewer lists them, only an admin adds or removes one
 * (an operator gets 403 naming the admin role), nobody without a token; webhook deliveries need no bearer token,
 * they prove themselves with the source's secret.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.HookDriven.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class WhoMayCallTheGitWatcherTest {

    @Test
    void sourcesAreReadByAViewerAndChangedByAnAdminAlone() {
        RestAssured.given().get("/api/sources").then().statusCode(401);
        TestTokens.as("flt_made-up").get("/api/sources").then().statusCode(401);
        TestTokens.as(TestTokens.VIEWER).get("/api/sources").then().statusCode(200);

        TestTokens.as(TestTokens.OPERATOR).contentType(ContentType.JSON)
                .body("{\"id\": \"sneaky\", \"url\": \"file:///etc\"}").post("/api/sources").then().statusCode(403)
                .body("message", equalTo("this needs the admin role; test-operator has only operator"));
        TestTokens.as(TestTokens.VIEWER).delete("/api/sources/anything").then().statusCode(403);
        TestTokens.as(TestTokens.VIEWER).get("/api/sources/sneaky").then().statusCode(404);
    }

    @Test
    void webhooksNeedNoBearerToken() {
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/hooks/svn").then().statusCode(404)
                .body(not(equalTo("")));
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }
}
