package io.flotilla.applier.api;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.flotilla.testing.oidc.KeycloakServer;
import io.flotilla.testing.oidc.KeycloakTestResource;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * OpenID Connect bearer tokens from a real provider (Keycloak, started once for this class): a user's token obtained
 * by the password grant carries the roles of its realm roles ({@code flotilla-operators} grants operator), a viewer's
 * may read but not act, the client's own token (client-credentials grant, no role) reads nothing; API tokens keep
 * working beside OpenID Connect.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class OidcBearerTokensTest {

    @Test
    void anOperatorsTokenFromTheProviderActsOnReleases() {
        String olga = KeycloakTestResource.server().passwordGrant("olga", "olga-password");
        TestTokens.as(olga).contentType("application/json").body("{\"cluster\": \"dev\"}").post("/api/reconcile")
                .then().statusCode(202);
        TestTokens.as(olga).get("/api/releases/dev/apps/none/diff").then().statusCode(404);
    }

    @Test
    void aViewersTokenReadsButMayNotAct() {
        String vic = KeycloakTestResource.server().passwordGrant("vic", "vic-password");
        TestTokens.as(vic).get("/api/suspensions").then().statusCode(200);
        TestTokens.as(vic).contentType("application/json").body("{\"all\": true}").post("/api/reconcile").then()
                .statusCode(403).body("message", equalTo("this needs the operator role; vic has only viewer"));
    }

    @Test
    void aTokenWithoutARoleOrFromNoOneIsRefused() {
        String client = KeycloakTestResource.server().clientCredentialsGrant();
        TestTokens.as(client).get("/api/suspensions").then().statusCode(403)
                .body("message", equalTo("this needs the viewer role; service-account-" + KeycloakServer.CLIENT
                        + " has no Flotilla role"));
        String olga = KeycloakTestResource.server().passwordGrant("olga", "olga-password");
        String forged = olga.substring(0, olga.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IG5vIG9uZQ";
        TestTokens.as(forged).get("/api/suspensions").then().statusCode(401);
        TestTokens.as(TestTokens.ADMIN).get("/api/suspensions").then().statusCode(200);
    }
}
