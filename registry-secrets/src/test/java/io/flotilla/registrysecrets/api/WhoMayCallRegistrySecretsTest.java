package io.flotilla.registrysecrets.api;

import org.junit.jupiter.api.Test;

import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Pull secret coverage is a viewer's to read (never values), nobody's without a token; metrics too. */
@QuarkusTest
@WithTestResource(ClustersTestResource.class)
@WithTestResource(KafkaTestResource.class)
class WhoMayCallRegistrySecretsTest {

    @Test
    void coverageAndMetricsNeedAViewer() {
        RestAssured.given().get("/api/pull-secrets").then().statusCode(401);
        RestAssured.given().get("/q/metrics").then().statusCode(401);
        TestTokens.as(TestTokens.VIEWER).get("/api/pull-secrets").then().statusCode(200);
        TestTokens.as(TestTokens.VIEWER).get("/q/metrics").then().statusCode(200);
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }
}
