package io.flotilla.imageupdater.api;

import org.junit.jupiter.api.Test;

import io.flotilla.imageupdater.signature.CosignKeyResource;
import io.flotilla.imageupdater.source.PrivateFleetResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The automations are a viewer's to read, nobody's without a token; a registry's webhook carrying its own secret as
 * {@code Authorization: Bearer <secret>} (the test profile's {@code flotilla.images.webhook-secret}) is read by the
 * webhook's check, never taken for an API token.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CosignKeyResource.class)
@QuarkusTestResource(PrivateFleetResource.class)
class WhoMayCallTheImageUpdaterTest {

    private static final String DOCKER_HUB = """
            {"push_data": {"tag": "1.2.0", "pusher": "ci"}, "repository": {"repo_name": "myorg/access"}}""";

    @Test
    void automationsNeedAViewer() {
        RestAssured.given().get("/api/automations").then().statusCode(401);
        TestTokens.as(TestTokens.VIEWER).get("/api/automations").then().statusCode(200);
        TestTokens.as(TestTokens.VIEWER).post("/api/automations").then().statusCode(403);
    }

    @Test
    void aRegistryWebhookProvesItselfWithItsOwnSecret() {
        RestAssured.given().header("Authorization", "Bearer registry-hook-secret").body(DOCKER_HUB)
                .contentType("application/json").post("/hooks/registry").then().statusCode(202);
        RestAssured.given().header("Authorization", "Bearer wrong").body(DOCKER_HUB)
                .contentType("application/json").post("/hooks/registry").then().statusCode(401);
    }
}
