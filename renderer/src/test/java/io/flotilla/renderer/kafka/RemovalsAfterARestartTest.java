package io.flotilla.renderer.kafka;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.events.ClusterRef;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.render.CommitRenderer;
import io.flotilla.testing.kafka.FlotillaTopics;

/**
 * A renderer stopped while commits go by, one of them removing releases: the renderer started next takes back
 * what the rendered topic holds (a real broker) and reports the removed releases as removed, whichever commits it
 * sees.
 */
class RemovalsAfterARestartTest {

    private static final List<ClusterRef> FLEET = List.of(new ClusterRef("dev", Map.of("env", "dev")),
            new ClusterRef("prod", Map.of("env", "prod")));

    @TempDir
    Path temp;

    private final String prefix = "restart-" + UUID.randomUUID() + ".";
    private final String bootstrap = KafkaBroker.shared().bootstrapServers();
    private FlotillaTopics topics;
    private ConfigRepository repo;

    @BeforeEach
    void setUp() {
        topics = new FlotillaTopics(bootstrap, prefix);
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app")
                .write("common/app.yaml", fluxV1("apps", "app", "charts/app", ""))
                .write("common/web.yaml", fluxV1("apps", "web", "charts/app", ""))
                .write("common/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n");
    }

    @AfterEach
    void tearDown() {
        topics.close();
        repo.close();
    }

    @Test
    void reportsTheReleasesRemovedWhileItWasStoppedAsRemovedAfterItsRestart() {
        try (CommitRenderer before = new CommitRenderer(temp.resolve("work-before"), () -> FLEET)) {
            publish(before.render(repo.commit("app, web and their namespace"), 0));
        }
        CommitDetected added = repo.write("common/db.yaml", fluxV1("apps", "db", "charts/app", "")).commit("db");
        CommitDetected removing = repo.delete("common/app.yaml").delete("common/web.yaml").commit("app and web go");

        try (CommitRenderer after = new CommitRenderer(temp.resolve("work-after"), () -> FLEET)) {
            history().readAll(envelope -> after.restore(envelope.payload()));
            List<ReleaseRendered> fromAdded = after.render(added, 1);
            List<ReleaseRendered> fromRemoving = after.render(removing, 2);

            assertThat(fromAdded).extracting(rendering -> rendering.release().name(), ReleaseRendered::removed)
                    .as("only what changed: the render cache was taken back too")
                    .containsOnly(tuple("apps-db", false));
            assertThat(fromRemoving).extracting(ReleaseRendered::release, ReleaseRendered::removed,
                    ReleaseRendered::commitOrder).containsExactlyInAnyOrder(
                            tuple(new ReleaseKey("dev", "apps", "apps-app"), true, 2L),
                            tuple(new ReleaseKey("prod", "apps", "apps-app"), true, 2L),
                            tuple(new ReleaseKey("dev", "apps", "apps-web"), true, 2L),
                            tuple(new ReleaseKey("prod", "apps", "apps-web"), true, 2L));
        }
    }

    @Test
    void reportsTheRemovalsOfACommitItNeverSawWhenItRendersTheNextOne() {
        try (CommitRenderer before = new CommitRenderer(temp.resolve("work-before"), () -> FLEET)) {
            publish(before.render(repo.commit("app, web and their namespace"), 0));
        }
        repo.delete("common/app.yaml").commit("app goes");
        CommitDetected next = repo.write("README.md", "the fleet\n").commit("an unrelated change");

        try (CommitRenderer after = new CommitRenderer(temp.resolve("work-after"), () -> FLEET)) {
            history().readAll(envelope -> after.restore(envelope.payload()));

            assertThat(after.render(next, 2)).extracting(ReleaseRendered::release, ReleaseRendered::removed)
                    .containsExactlyInAnyOrder(tuple(new ReleaseKey("dev", "apps", "apps-app"), true),
                            tuple(new ReleaseKey("prod", "apps", "apps-app"), true));
        }
    }

    private void publish(List<ReleaseRendered> renderings) {
        topics.publishAll(renderings.stream().map(rendering -> Envelope.first(RenderLane.SOURCE, rendering)).toList());
    }

    private RenderedTopicHistory history() {
        return new RenderedTopicHistory(Map.of("bootstrap.servers", bootstrap), topics.name(Topic.RENDERED));
    }
}
