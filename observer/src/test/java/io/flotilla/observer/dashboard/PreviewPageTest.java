package io.flotilla.observer.dashboard;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flotilla.events.Envelope;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.PreviewRequested;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.observer.preview.Preview;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The previews' list and a preview's page as a browser gets them, fed through the topics as the services feed them. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class PreviewPageTest {

    @Test
    void aPreviewsPageShowsTheRefusalWithItsReasonAndTheListLinksIt() {
        String app = "web-" + UUID.randomUUID().toString().substring(0, 8);
        String sha = UUID.randomUUID().toString().replace("-", "");
        PreviewKey key = PreviewKey.ofPullRequest("/srv/fleet", "bump-" + app, 42);
        ReleaseKey release = new ReleaseKey("dev", "apps", app);
        String reason = "Deployment.apps \"" + app + "\" is invalid: spec.replicas: Invalid value: -1: must be >= 0";
        try (FlotillaTopics topics = FlotillaTopics.ofService()) {
            topics.publish(Envelope.first("git-watcher", new PreviewRequested(key, sha, "main", "Scale " + app + " <down>",
                    "Ada", Instant.now(), false)));
            topics.publish(Envelope.first("renderer", new PreviewPlanned(key, sha, List.of(new PreviewPlanned
                    .PlannedRelease(release, PreviewPlanned.Change.CHANGED, "releases/dev/web.yaml", null)), 5, null)));
            topics.publish(Envelope.first("applier", new PreviewChecked(key, sha, release, List.of(
                    new PreviewChecked.ObjectChange(new ObjectRef("apps/v1", "Deployment", "apps", app),
                            PreviewChecked.Change.REFUSED, List.of(), reason),
                    new PreviewChecked.ObjectChange(new ObjectRef("v1", "ConfigMap", "apps", app),
                            PreviewChecked.Change.UPDATE, List.of("/data/replicas"), null)), List.of(), null)));
        }
        String id = Preview.idOf(key);

        String page = await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(TestTokens.VIEWER)
                .get("/previews/" + id).then().extract(), answer -> answer.statusCode() == 200
                        && answer.asString().contains("Failing")).asString();

        assertThat(page).contains("<h1>Preview of /srv/fleet#42</h1>", "<a href=\"/previews\">Previews</a>",
                "<h2>Refused and breaking rules</h2>",
                "<tr><td>dev/apps/" + app + "</td><td><span class=\"status s-bad\" data-shape=\"✕\">refused</span> "
                        + "Deployment apps/" + app + "</td><td class=\"reason\">Deployment.apps &quot;" + app
                        + "&quot; is invalid: spec.replicas: Invalid value: -1: must be &gt;= 0</td></tr>",
                "<h2>Cluster dev</h2>", "update ConfigMap apps/" + app + ": <span class=\"mono\">/data/replicas</span>",
                "Scale " + app + " &lt;down&gt;");
        assertThat(asAdmin().get("/previews").then().statusCode(200).extract().asString())
                .contains("<a href=\"/previews/" + id + "\">/srv/fleet#42</a>");
        asAdmin().get("/previews/0000000000000000").then().statusCode(404);
    }
}
