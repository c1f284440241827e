package io.flotilla.observer.image;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.ImageTagFound;
import io.flotilla.events.ImageTagFound.ImageEdit;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Image automation as the image-updater and git-watcher tell it on the topics: the tag a policy chose for two
 * releases, the {@code Auto-release} commit carrying the image event's correlation id, the releases applied at that
 * commit; read on {@code /api/images}, {@code /api/commits/{sha}} and the dashboard. Each test has an image of its own.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class ImageAutomationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    @Test
    void theTagChosenItsReleasesAndItsAutoReleaseCommitsJourneyShow() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String image = "myorg/podinfo-" + suffix;
        String sha = UUID.randomUUID().toString().replace("-", "");
        ReleaseKey web = new ReleaseKey("dev", "apps", "web-" + suffix);
        try (FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix)) {
            Envelope<ImageTagFound> forWeb = topics.publish("image-updater", new ImageTagFound(image, "0.4.12",
                    "sha256:feed", "semver:~0.4", List.of(edit("releases/dev/web.yaml", "apps/web-" + suffix))));
            topics.publish("image-updater", new ImageTagFound(image, "0.4.12", "sha256:feed", "semver:~0.4",
                    List.of(edit("releases/dev/api.yaml", "apps/api-" + suffix))));
            Envelope<CommitDetected> commit = Envelope.causedBy(forWeb, "git-watcher", new CommitDetected("/srv/fleet",
                    "main", sha, null, List.of("releases/dev/web.yaml", "releases/dev/api.yaml"), "Flotilla",
                    "Auto-release " + image + ":0.4.12", Instant.now()));
            topics.publish(commit);
            topics.publish(Envelope.causedBy(commit, "applier", new ReleaseApplied(web, 1, Outcome.Ready, sha,
                    "releases/dev/web.yaml", "podinfo", "6.0.0", "input",
                    List.of(ObjectResult.applied(new ObjectRef("apps/v1", "Deployment", "apps", web.name()))), 40,
                    Instant.now(), null)));
        }

        await().untilAsserted(() -> {
            JsonPath images = asAdmin().when().get("/api/images").then().statusCode(200).extract().jsonPath();
            String chosen = "find { it.repository == '" + image + "' }";
            assertThat(images.getString(chosen + ".tag")).isEqualTo("0.4.12");
            assertThat(images.getString(chosen + ".policy")).isEqualTo("semver:~0.4");
            assertThat(images.getList(chosen + ".touches.release", String.class))
                    .containsExactly("apps/web-" + suffix, "apps/api-" + suffix);
            assertThat(images.getString(chosen + ".commit.sha")).isEqualTo(sha);
            assertThat(images.getInt(chosen + ".commit.ready")).isEqualTo(1);
            assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString()).contains(
                    "<tr><td>" + image + "</td><td>semver:~0.4</td><td><code>0.4.12</code></td>",
                    "<td>apps/web-" + suffix + " (releases/dev/web.yaml), apps/api-" + suffix
                            + " (releases/dev/api.yaml)</td>",
                    "<a href=\"?commit=" + sha + "\"><code>" + sha.substring(0, 10) + "</code></a> Auto-release "
                            + image + ":0.4.12</td><td class=\"Ready\">1 ready, 0 failed</td>");
        });
        JsonPath journey = asAdmin().when().get("/api/commits/" + sha).then().statusCode(200).extract().jsonPath();
        assertThat(journey.getString("[0].image.repository")).isEqualTo(image);
        assertThat(journey.getString("[0].image.tag")).isEqualTo("0.4.12");
        assertThat(journey.getString("[0].clusters[0].releases[0].outcome")).isEqualTo("Ready");
        assertThat(asAdmin().when().get("/?commit=" + sha).then().statusCode(200).extract().asString())
                .contains("Auto-release of <code>" + image + ":0.4.12</code>");
    }

    @Test
    void aNewTagStartsAfreshAndOneEveryFileHasAlreadyNeedsNoCommit() {
        String image = "myorg/api-" + UUID.randomUUID().toString().substring(0, 8);
        try (FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix)) {
            topics.publish("image-updater", new ImageTagFound(image, "dev-aaaa", "sha256:aaaa", "glob:dev-*",
                    List.of(edit("releases/dev/api.yaml", "apps/api"))));
            topics.publish("image-updater", new ImageTagFound(image, "dev-bbbb", "sha256:bbbb", "glob:dev-*"));
        }

        await().untilAsserted(() -> {
            JsonPath images = asAdmin().when().get("/api/images").then().statusCode(200).extract().jsonPath();
            String chosen = "find { it.repository == '" + image + "' }";
            assertThat(images.getString(chosen + ".tag")).isEqualTo("dev-bbbb");
            assertThat(images.getList(chosen + ".touches")).isEmpty();
            assertThat(images.getString(chosen + ".commit")).isNull();
            assertThat(asAdmin().when().get("/").then().statusCode(200).extract().asString()).contains("<tr><td>" + image
                    + "</td><td>glob:dev-*</td><td><code>dev-bbbb</code></td>",
                    "<td>every file has it already</td><td></td><td></td>");
        });
    }

    private static ImageEdit edit(String file, String release) {
        return new ImageEdit("/srv/fleet", "main", file, 0, List.of("spec", "values", "image", "tag"), "0.4.12",
                "0.4.11", release, null, null, null);
    }
}
