package io.flotilla.renderer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.PreviewPlanned.Change;
import io.flotilla.events.PreviewPlanned.PlannedRelease;
import io.flotilla.events.PreviewRendered;
import io.flotilla.events.PreviewRequested;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A pull request's commit rendered for the clusters it targets as a commit of the watched branch would be, compared
 * with what the renderer published from the watched branch: only what differs goes to the applier, the plan lists it
 * with what fails to render, and the rendered topic never hears of the preview.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class PreviewRenderingTest {

    @TempDir
    Path temp;

    // Each test names its own releases: the renderer's cache is by release, whatever repository declares it.

    private FlotillaTopics topics;
    private TopicFollower results;
    private TopicFollower rendered;

    @BeforeEach
    void connect() {
        topics = FlotillaTopics.ofService();
        results = topics.follow(Topic.PREVIEW_RENDERS, Topic.PREVIEW_RESULTS);
        rendered = topics.follow(Topic.RENDERED);
    }

    @AfterEach
    void disconnect() {
        results.close();
        rendered.close();
        topics.close();
    }

    @Test
    void aPullRequestChangingOneReleaseOfSeveralSendsJustItAndLeavesTheRenderedTopicAlone() throws Exception {
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            CommitDetected main = repo.write("clusters/prod/one-a/quota.yaml", quota("a", "1"))
                    .write("clusters/prod/one-b/quota.yaml", quota("b", "1"))
                    .write("clusters/prod/one-c/quota.yaml", quota("c", "1"))
                    .commit("three quotas");
            publishAndAwaitRendered(main, 3);
            String head = pullRequest(repo, main.sha(), 5, () -> repo.write("clusters/prod/one-b/quota.yaml",
                    quota("b", "2")).commit("raise b").sha());
            PreviewKey key = PreviewKey.ofPullRequest(repo.location(), "raise-b", 5);

            topics.publish(Envelope.first("git-watcher", request(key, head)));

            PreviewPlanned plan = results.await(PreviewPlanned.class, e -> e.key().equals(key.id())).payload();
            assertThat(plan.error()).isNull();
            assertThat(plan.sha()).isEqualTo(head);
            assertThat(plan.releases()).extracting(PlannedRelease::release, PlannedRelease::change,
                    PlannedRelease::error).containsExactly(tuple(
                            release("clusters-prod-one-b"), Change.CHANGED, null));
            assertThat(plan.unchanged()).isEqualTo(2);
            List<PreviewRendered> renders = rendersOf(key);
            assertThat(renders).singleElement().satisfies(render -> {
                assertThat(render.sha()).isEqualTo(head);
                assertThat(render.rendering().release()).isEqualTo(release("clusters-prod-one-b"));
                assertThat(render.rendering().sourceSha()).isEqualTo(head);
                assertThat(render.rendering().objects().objects()).singleElement()
                        .extracting(object -> ((Map<?, ?>) ((Map<?, ?>) object.get("spec")).get("hard")).get("pods"))
                        .isEqualTo("2");
            });
            assertThat(rendered.events(ReleaseRendered.class)).as("nothing of the preview on the rendered topic")
                    .noneMatch(e -> head.equals(e.payload().sourceSha()));
        }
    }

    @Test
    void aPreviewAddingRemovingAndBreakingReleasesListsEachAndTheBrokenOneWithItsError() throws Exception {
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            CommitDetected main = repo.write("clusters/prod/two-a/quota.yaml", quota("a", "1"))
                    .write("clusters/prod/two-b/quota.yaml", quota("b", "1"))
                    .write("clusters/prod/two-c/quota.yaml", quota("c", "1"))
                    .commit("three quotas");
            publishAndAwaitRendered(main, 3);
            String head = pullRequest(repo, main.sha(), 6, () -> repo.delete("clusters/prod/two-a/quota.yaml")
                    .write("clusters/prod/two-c/quota.yaml", "apiVersion: v1\nkind: [ResourceQuota\n")
                    .write("clusters/prod/two-d/quota.yaml", quota("d", "1"))
                    .commit("remove a, break c, add d").sha());
            PreviewKey key = PreviewKey.ofPullRequest(repo.location(), "rework", 6);

            topics.publish(Envelope.first("git-watcher", request(key, head)));

            PreviewPlanned plan = results.await(PreviewPlanned.class, e -> e.key().equals(key.id())).payload();
            assertThat(plan.error()).isNull();
            assertThat(plan.releases()).extracting(PlannedRelease::release, PlannedRelease::change)
                    .containsExactlyInAnyOrder(tuple(release("clusters-prod-two-a"),
                            Change.REMOVED), tuple(release("clusters-prod-two-c"),
                            Change.CHANGED), tuple(release("clusters-prod-two-d"),
                            Change.ADDED));
            PlannedRelease broken = plan.releases().stream()
                    .filter(planned -> planned.release().equals(release("clusters-prod-two-c"))).findFirst().orElseThrow();
            assertThat(broken.error()).contains("clusters/prod/two-c/quota.yaml");
            assertThat(plan.unchanged()).isEqualTo(1);
            assertThat(rendersOf(key)).extracting(render -> render.rendering().release(),
                    render -> render.rendering().removed()).containsExactlyInAnyOrder(
                            tuple(release("clusters-prod-two-a"), true),
                            tuple(release("clusters-prod-two-d"), false));
        }
    }

    @Test
    void aCommitTheRepositoryDoesNotHaveIsPlannedWithTheReasonAndAClosedPreviewRendersNothing() {
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            CommitDetected main = repo.write("clusters/prod/three-a/quota.yaml", quota("a", "1")).commit("a quota");
            publishAndAwaitRendered(main, 1);
            PreviewKey closed = PreviewKey.ofBranch(repo.location(), "gone");
            PreviewKey missing = PreviewKey.ofPullRequest(repo.location(), "nowhere", 9);

            topics.publish(Envelope.first("git-watcher", new PreviewRequested(closed, main.sha(), "main", null, null,
                    Instant.now(), true)));
            topics.publish(Envelope.first("git-watcher", request(missing, "0123456789abcdef0123456789abcdef01234567")));

            PreviewPlanned plan = results.await(PreviewPlanned.class, e -> e.key().equals(missing.id())).payload();
            assertThat(plan.error()).contains("0123456789abcdef0123456789abcdef01234567")
                    .contains("refs/pull/9/head");
            assertThat(plan.releases()).isEmpty();
            assertThat(results.events(PreviewPlanned.class)).as("the closed preview, asked before, rendered nothing")
                    .noneMatch(e -> e.key().equals(closed.id()));
        }
    }

    private void publishAndAwaitRendered(CommitDetected commit, int releases) {
        Envelope<CommitDetected> event = Envelope.first("git-watcher", commit);
        topics.publish(event);
        await().atMost(TopicFollower.DEFAULT_WAIT).until(() -> rendered.events(ReleaseRendered.class).stream()
                .filter(e -> e.correlationId().equals(event.correlationId())).count() >= releases);
    }

    private List<PreviewRendered> rendersOf(PreviewKey key) {
        return results.events(PreviewRendered.class).stream()
                .filter(e -> e.payload().preview().equals(key)).map(Envelope::payload).toList();
    }

    private static PreviewRequested request(PreviewKey key, String sha) {
        return new PreviewRequested(key, sha, "main", "a change", "ada", Instant.now(), false);
    }

    private static ReleaseKey release(String name) {
        return new ReleaseKey("prod", "default", name);
    }

    /** A commit made by {@code change} on top of {@code base}, kept as GitHub keeps a pull request's head; main stays. */
    private static String pullRequest(ConfigRepository repo, String base, int number, CommitMaker change)
            throws IOException, GitAPIException {
        String head = change.commit();
        try (Git git = Git.open(Path.of(repo.location()).toFile())) {
            RefUpdate update = git.getRepository().updateRef("refs/pull/" + number + "/head");
            update.setNewObjectId(git.getRepository().resolve(head));
            update.setForceUpdate(true);
            assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base).call();
        }
        return head;
    }

    @FunctionalInterface
    private interface CommitMaker {
        String commit();
    }

    private static String quota(String name, String pods) {
        return "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: " + name + "\nspec:\n  hard:\n    pods: \""
                + pods + "\"\n";
    }
}
