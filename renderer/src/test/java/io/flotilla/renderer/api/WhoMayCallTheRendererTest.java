package io.flotilla.renderer.api;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The renderer only reads: its targeting is a viewer's, nobody's without a token, and any write an admin's. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class WhoMayCallTheRendererTest {

    @Test
    void targetingNeedsAViewerAndHealthNothing() {
        RestAssured.given().get("/api/targeting").then().statusCode(401);
        TestTokens.as(TestTokens.VIEWER).get("/api/targeting").then().statusCode(200);
        TestTokens.as(TestTokens.OPERATOR).post("/api/targeting").then().statusCode(403)
                .body("message", equalTo("this needs the admin role; test-operator has only operator"));
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }
}
