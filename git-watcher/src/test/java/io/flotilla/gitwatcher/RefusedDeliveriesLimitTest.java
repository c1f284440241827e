package io.flotilla.gitwatcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.gitwatcher.webhook.Deliveries;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A client that keeps sending deliveries the git-watcher refuses (forged, unsigned, replayed) gets 429 with
 * Retry-After once past {@code flotilla.git.webhooks.refusals-per-client} (3 here), while a signed delivery from the
 * same address is still taken.
 */
@QuarkusTest
@TestProfile(RefusedDeliveriesLimitTest.ThreeRefusals.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RefusedDeliveriesLimitTest {

    @TempDir
    Path temp;

    @Test
    void refusedDeliveriesPastTheBudgetGet429WhileSignedOnesAreTaken() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            repo.write("a.yaml", "a").commit("a");
            WebhooksAndSourcesTest.addSource("limited", repo, Map.of("webhookSecret", "gh-secret"));
            byte[] body = Deliveries.sample("github-push", WebhooksAndSourcesTest.SAMPLE_CLONE_URL,
                    repo.dir().toString());
            String signature = "sha256=" + Deliveries.hmacSha256("gh-secret", body);

            for (int refused = 0; refused < 3; refused++) {
                given().header("X-GitHub-Event", "push")
                        .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("guess-" + refused, body))
                        .contentType(ContentType.JSON).body(body)
                        .post("/hooks/github").then().statusCode(401).body("outcome", equalTo("unauthorized"));
            }
            String retryAfter = given().header("X-GitHub-Event", "push").contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(429)
                    .body("outcome", equalTo("limited"))
                    .body("reason", containsString("too many refused deliveries from 127.0.0.1"))
                    .extract().header("Retry-After");
            assertThat(Integer.parseInt(retryAfter)).isBetween(1, 600);

            given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", "limited-1")
                    .header("X-Hub-Signature-256", signature).contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(202).body("sources", equalTo(List.of("limited")));
            given().header("X-GitHub-Event", "push").header("X-GitHub-Delivery", "limited-1")
                    .header("X-Hub-Signature-256", signature).contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(429).body("outcome", equalTo("limited"));
        }
    }

    /** As {@link WatchedRepositoryProfile.HookDriven}, with 3 refused deliveries per client in 10 minutes. */
    public static final class ThreeRefusals extends WatchedRepositoryProfile {
        public ThreeRefusals() {
            super("1h");
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("flotilla.git.webhooks.refusals-per-client", "3");
            config.put("flotilla.git.webhooks.refusal-window", "10m");
            return config;
        }
    }
}
