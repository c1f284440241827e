package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(WatchedRepositoryProfile.Polling.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PollingTest {

    @ConfigProperty(name = "flotilla.git.repository")
    String configuredRepository;

    @Test
    void missingRepositoryIsReportedAndPollingGoesOnUntilItAppears() {
        await().untilAsserted(() -> asAdmin().when().get("/api/sources/default").then()
                .body("lastError", containsString(configuredRepository)));

        try (GitRepo repo = GitRepo.init(Path.of(configuredRepository));
                CommitsTopic commits = CommitsTopic.ofService()) {
            String sha = repo.write("releases/dev/app.yaml", "dev").commit("Add the app");

            assertThat(commits.awaitCommit(sha).commit().changedPaths()).containsExactly("releases/dev/app.yaml");
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/default").then()
                    .body("lastEmitted", equalTo(sha))
                    .body("lastError", nullValue()));
        }
    }
}
